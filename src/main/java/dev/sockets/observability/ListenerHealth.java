package dev.sockets.observability;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import dev.sockets.listener.Listener;
import dev.sockets.listener.ListenerStatus;
import dev.sockets.listener.Protocol;

/**
 * One listener's health: UP while it is bound and serving; OUT_OF_SERVICE, with the
 * operator's reason, while an operator has it paused or draining; DOWN with the reason
 * when it does not serve otherwise. Either of the last two takes readiness down.
 */
final class ListenerHealth implements HealthIndicator {

	private final Listener listener;

	ListenerHealth(Listener listener) {
		this.listener = listener;
	}

	@Override
	public Health health() {
		ListenerStatus status = this.listener.status();
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("address", this.listener.localAddress().getAddress().getHostAddress());
		details.put("port", this.listener.localAddress().getPort());
		details.put("state", status.state().tag());
		if (status.reason() != null) {
			details.put("reason", status.reason());
		}
		if (status.since() != null) {
			details.put("since", status.since().toString());
		}
		if (this.listener.id().protocol() == Protocol.TCP) {
			details.put("connections", this.listener.openConnections());
		}
		Health.Builder health = switch (status.state()) {
			case SERVING -> Health.up();
			case PAUSED, DRAINING -> Health.outOfService();
			case STOPPED -> Health.down();
		};
		return health.withDetails(details).build();
	}

}
