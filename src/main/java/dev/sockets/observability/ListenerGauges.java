package dev.sockets.observability;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;

import dev.sockets.listener.ConnectionLimits;
import dev.sockets.listener.DatagramDrop;
import dev.sockets.listener.Listener;
import dev.sockets.listener.ListenerState;
import dev.sockets.listener.Protocol;

/**
 * The meters of one listener that are read from it on every scrape rather than counted as
 * it works: whether it serves and in what state ({@code sockets.listener.up} is what the
 * "listener down" alert watches), its connection limits, the output it holds for clients
 * that do not read, and, for UDP, what the kernel dropped before the listener could read
 * it.
 */
final class ListenerGauges implements MeterBinder {

	private final Listener listener;

	ListenerGauges(Listener listener) {
		this.listener = listener;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Tags tags = ListenerMeters.tags(this.listener.id(), this.listener.localAddress().getPort());
		Gauge.builder("sockets.listener.up", this.listener, (listener) -> listener.isServing() ? 1 : 0)
			.description("1 while the listener serves, 0 when it does not")
			.tags(tags)
			.register(registry);
		for (ListenerState state : ListenerState.values()) {
			Gauge
				.builder("sockets.listener.state", this.listener,
						(listener) -> (listener.status().state() == state) ? 1 : 0)
				.description(
						"1 for the state the listener is in (serving, paused, draining, stopped), 0 for the others")
				.tags(tags)
				.tag("state", state.tag())
				.register(registry);
		}
		if (this.listener.id().protocol() == Protocol.TCP) {
			ConnectionLimits limits = this.listener.connectionLimits().orElseThrow();
			Gauge.builder("sockets.connections.limit", limits, ConnectionLimits::maxConnections)
				.description("Connections the listener holds at once (max-connections)")
				.tags(tags)
				.strongReference(true)
				.register(registry);
			Gauge.builder("sockets.connections.per.source.limit", limits, ConnectionLimits::maxConnectionsPerSource)
				.description("Connections the listener holds at once from one client (max-connections-per-source)")
				.tags(tags)
				.strongReference(true)
				.register(registry);
			Gauge.builder("sockets.output.pending", this.listener, Listener::pendingOutputBytes)
				.description("Bytes written to clients that they have not taken yet, held in the listener's"
						+ " output buffers (beyond the kernel's socket buffers)")
				.baseUnit("bytes")
				.tags(tags)
				.register(registry);
		}
		else {
			FunctionCounter.builder("sockets.datagrams.dropped", this.listener, Listener::kernelDrops)
				.description(ListenerMeters.DATAGRAMS_DROPPED)
				.tags(tags)
				.tag("reason", DatagramDrop.KERNEL.tag())
				.register(registry);
		}
	}

}
