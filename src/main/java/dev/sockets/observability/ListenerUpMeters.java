package dev.sockets.observability;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.SmartInitializingSingleton;

import dev.sockets.listener.Listener;
import dev.sockets.listener.Listeners;

/**
 * {@code sockets.listener.up}: 1 while a listener serves, 0 when it does not — what the
 * "listener down" alert watches. Registered once every listener exists.
 */
final class ListenerUpMeters implements SmartInitializingSingleton {

	private final MeterRegistry registry;

	private final Listeners listeners;

	ListenerUpMeters(MeterRegistry registry, Listeners listeners) {
		this.registry = registry;
		this.listeners = listeners;
	}

	@Override
	public void afterSingletonsInstantiated() {
		for (Listener listener : this.listeners.all()) {
			Gauge.builder("sockets.listener.up", listener, (serving) -> serving.isServing() ? 1 : 0)
				.description("1 while the listener serves, 0 when it does not")
				.tags(ListenerMeters.tags(listener.id(), listener.localAddress().getPort()))
				.register(this.registry);
		}
	}

}
