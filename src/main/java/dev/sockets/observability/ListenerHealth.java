package dev.sockets.observability;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import dev.sockets.listener.Listener;
import dev.sockets.listener.Protocol;

/**
 * One listener's health: UP while it is bound and serving, DOWN with the reason when not.
 */
final class ListenerHealth implements HealthIndicator {

	private final Listener listener;

	ListenerHealth(Listener listener) {
		this.listener = listener;
	}

	@Override
	public Health health() {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("address", this.listener.localAddress().getAddress().getHostAddress());
		details.put("port", this.listener.localAddress().getPort());
		if (!this.listener.isServing()) {
			details.put("reason",
					"not accepting " + ((this.listener.id().protocol() == Protocol.TCP) ? "connections" : "datagrams"));
			return Health.down().withDetails(details).build();
		}
		if (this.listener.id().protocol() == Protocol.TCP) {
			details.put("connections", this.listener.openConnections());
		}
		return Health.up().withDetails(details).build();
	}

}
