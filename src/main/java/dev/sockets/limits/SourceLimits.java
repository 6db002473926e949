package dev.sockets.limits;

import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicInteger;

import dev.sockets.limits.TokenBucket;
import dev.sockets.listener.Rejection;

/**
 * The limits a TCP listener puts on each client address, like xinetd's {@code per_source} and
 * {@code cps}: connections open at once, and new connections per second.
 */
public final class SourceLimits {

	/** Most client addresses tracked at once; beyond it new addresses are turned away. */
	static final int MAX_SOURCES = 65_536;

	private final int maxConnections;

	private final int perSecond;

	private final SourceTable<Source> sources;

	/**
	 * @param maxConnections most connections open at once from one address
	 * @param perSecond new connections per second from one address (bursts of twice that); 0 for no limit
	 */
	public SourceLimits(int maxConnections, int perSecond) {
		this.maxConnections = maxConnections;
		this.perSecond = perSecond;
		this.sources = new SourceTable<>(MAX_SOURCES, () -> new Source(perSecond, System.nanoTime()));
	}

	/**
	 * @return why the address may not open another connection now, or null if it may (and then it
	 * counts as open until {@link #closed})
	 */
	public Refusal admit(InetAddress address) {
		Source source = this.sources.get(address);
		if (source == null) {
			return new Refusal(Rejection.LIMIT, "server busy");
		}
		if (source.connects != null && !source.connects.tryTake(1, System.nanoTime())) {
			return new Refusal(Rejection.RATE,
					"too many new connections from your address (max " + this.perSecond + " per second)");
		}
		if (source.open.incrementAndGet() > this.maxConnections) {
			source.open.decrementAndGet();
			return new Refusal(Rejection.PER_SOURCE,
					"too many connections from your address (max " + this.maxConnections + ")");
		}
		return null;
	}

	public void closed(InetAddress address) {
		Source source = this.sources.peek(address);
		if (source != null) {
			source.open.decrementAndGet();
		}
	}

	/**
	 * Forgets addresses with nothing open and a full bucket.
	 */
	public void sweep() {
		long now = System.nanoTime();
		this.sources.sweep((source) -> source.open.get() == 0 && (source.connects == null || source.connects.isFull(now)));
	}

	public int trackedSources() {
		return this.sources.size();
	}

	/**
	 * Why a connection is turned away.
	 *
	 * @param reason the reason as counted
	 * @param message the reason as the client is told it
	 */
	public record Refusal(Rejection reason, String message) {
	}

	private static final class Source {

		private final AtomicInteger open = new AtomicInteger();

		private final TokenBucket connects;

		Source(int perSecond, long now) {
			this.connects = (perSecond > 0) ? new TokenBucket(perSecond, 2.0 * perSecond, now) : null;
		}

	}

}
