package dev.sockets.observability;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import dev.sockets.cluster.ClusterLink;
import dev.sockets.cluster.ClusterTraffic;

/**
 * The chat cluster's link: whether it is up, whom it reaches, and the events that went
 * over it.
 */
final class ChatClusterMeters implements MeterBinder {

	private final ClusterLink link;

	ChatClusterMeters(ClusterLink link) {
		this.link = link;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge
			.builder("sockets.chat.cluster.link.up", this.link,
					(link) -> (link.state() == ClusterLink.State.UP) ? 1 : 0)
			.description("1 while the chat cluster link works (heartbeats come back through Redis), 0 when not")
			.register(registry);
		Gauge.builder("sockets.chat.cluster.instances", this.link, ClusterLink::otherInstances)
			.description("Other instances of the chat cluster heard from")
			.register(registry);
		Gauge.builder("sockets.chat.cluster.users", this.link, ClusterLink::usersElsewhere)
			.description("Chat users on the other instances")
			.register(registry);
		ClusterTraffic traffic = this.link.traffic();
		FunctionCounter.builder("sockets.chat.cluster.messages.published", traffic, ClusterTraffic::publishedCount)
			.description("Chat events published to the other instances")
			.register(registry);
		FunctionCounter.builder("sockets.chat.cluster.messages.received", traffic, ClusterTraffic::receivedCount)
			.description("Chat events received from the other instances")
			.register(registry);
		for (String reason : ClusterTraffic.DROP_REASONS) {
			FunctionCounter.builder("sockets.chat.cluster.messages.dropped", traffic, (t) -> t.droppedCount(reason))
				.description(
						"Chat events (and writes to Redis) not sent or not understood: disconnected, queue_full, failed, unreadable")
				.tag("reason", reason)
				.register(registry);
		}
	}

}
