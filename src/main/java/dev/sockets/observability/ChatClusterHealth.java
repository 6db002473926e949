package dev.sockets.observability;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import dev.sockets.cluster.ClusterLink;

/**
 * The chat cluster's link: UP while this instance's heartbeat comes back through Redis,
 * DOWN with the reason when not. Not part of liveness: an instance without its link still
 * serves its own users; add {@code chatCluster} to the readiness group to take such an
 * instance out of service.
 */
final class ChatClusterHealth implements HealthIndicator {

	private final ClusterLink link;

	ChatClusterHealth(ClusterLink link) {
		this.link = link;
	}

	@Override
	public Health health() {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("instance", this.link.instanceId());
		details.put("state", this.link.state().name().toLowerCase(Locale.ROOT));
		details.put("since", this.link.since().toString());
		details.put("otherInstances", this.link.otherInstances());
		details.put("usersElsewhere", this.link.usersElsewhere());
		details.put("joined", this.link.joined());
		if (this.link.state() != ClusterLink.State.UP) {
			String joinProblem = this.link.joinProblem();
			details.put("reason",
					(joinProblem != null) ? joinProblem + "; " + this.link.problem() : this.link.problem());
			return Health.down().withDetails(details).build();
		}
		if (this.link.joinProblem() != null) {
			details.put("joinProblem", this.link.joinProblem());
		}
		return Health.up().withDetails(details).build();
	}

}
