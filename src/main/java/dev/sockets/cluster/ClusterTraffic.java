package dev.sockets.cluster;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What went over the cluster link: chat events published and received, and those dropped,
 * by reason.
 */
public final class ClusterTraffic {

	/**
	 * Why an event was dropped: the link was down, the queue full, Redis refused it, or
	 * it could not be read.
	 */
	public static final List<String> DROP_REASONS = List.of("disconnected", "queue_full", "failed", "unreadable");

	private final LongAdder published = new LongAdder();

	private final LongAdder received = new LongAdder();

	private final Map<String, LongAdder> dropped = DROP_REASONS.stream()
		.collect(Collectors.toUnmodifiableMap(Function.identity(), (reason) -> new LongAdder()));

	void published() {
		this.published.increment();
	}

	void received() {
		this.received.increment();
	}

	void dropped(String reason) {
		this.dropped.get(reason).increment();
	}

	/**
	 * @return events this instance published
	 */
	public long publishedCount() {
		return this.published.sum();
	}

	/**
	 * @return events from other instances this instance received
	 */
	public long receivedCount() {
		return this.received.sum();
	}

	/**
	 * @return events dropped for a reason of {@link #DROP_REASONS}
	 */
	public long droppedCount(String reason) {
		return this.dropped.get(reason).sum();
	}

}
