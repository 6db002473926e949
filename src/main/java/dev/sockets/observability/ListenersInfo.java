package dev.sockets.observability;

import java.util.List;
import java.util.Map;

import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;

import dev.sockets.listener.Listeners;

/**
 * Adds the configured listeners to {@code /actuator/info}.
 */
final class ListenersInfo implements InfoContributor {

	private final Listeners listeners;

	ListenersInfo(Listeners listeners) {
		this.listeners = listeners;
	}

	@Override
	public void contribute(Info.Builder builder) {
		List<Map<String, Object>> listeners = this.listeners.all()
			.stream()
			.map((listener) -> Map.<String, Object>of("name", listener.id().name(), "service",
					listener.id().service().id(), "protocol", listener.id().protocol().id(), "address",
					listener.localAddress().getAddress().getHostAddress(), "port", listener.localAddress().getPort()))
			.toList();
		builder.withDetail("listeners", listeners);
	}

}
