package dev.sockets.observability;

import io.micrometer.core.instrument.MeterRegistry;

import dev.sockets.listener.Listener;
import dev.sockets.listener.TrafficRecorder;
import dev.sockets.listener.TrafficRecorders;

/**
 * Gives every listener its meters, in the application's meter registry.
 */
final class SocketsMeters implements TrafficRecorders {

	private final MeterRegistry registry;

	private final ConnectionLog log;

	SocketsMeters(MeterRegistry registry, ConnectionLog log) {
		this.registry = registry;
		this.log = log;
	}

	@Override
	public TrafficRecorder forListener(Listener listener) {
		new ListenerGauges(listener).bindTo(this.registry);
		return new ListenerMeters(this.registry, listener, this.log);
	}

}
