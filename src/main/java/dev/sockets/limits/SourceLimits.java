package dev.sockets.limits;

import java.net.InetAddress;

import dev.sockets.listener.Rejection;

/**
 * The limits a TCP listener puts on each client, like xinetd's {@code per_source} and
 * {@code cps}: connections open at once, and new connections per second.
 */
public final class SourceLimits {

	/** Most clients tracked at once; beyond it new clients are turned away. */
	public static final int MAX_SOURCES = 65_536;

	private static final Refusal BUSY = new Refusal(Rejection.LIMIT, "server busy");

	private final int maxConnections;

	private final SourceTable<Source> sources;

	private final Refusal tooFast;

	private final Refusal tooMany;

	/**
	 * @param maxConnections most connections open at once from one client
	 * @param perSecond new connections per second from one client (bursts of twice that);
	 * 0 for no limit
	 * @param keys what counts as one client
	 */
	public SourceLimits(int maxConnections, int perSecond, SourceKeys keys) {
		this(maxConnections, perSecond, keys, MAX_SOURCES);
	}

	SourceLimits(int maxConnections, int perSecond, SourceKeys keys, int maxSources) {
		this.maxConnections = maxConnections;
		this.sources = new SourceTable<>(maxSources, keys, () -> new Source(perSecond, System.nanoTime()));
		this.tooFast = new Refusal(Rejection.RATE,
				"too many new connections from your address (max " + perSecond + " per second)");
		this.tooMany = new Refusal(Rejection.PER_SOURCE,
				"too many connections from your address (max " + maxConnections + ")");
	}

	/**
	 * @return why the client may not open another connection now, or null if it may (and
	 * then it counts as open until {@link #closed})
	 */
	public Refusal admit(InetAddress address) {
		long now = System.nanoTime();
		return this.sources.apply(address, (source) -> {
			if (source == null) {
				return BUSY;
			}
			if (source.connects != null && !source.connects.tryTake(1, now)) {
				return this.tooFast;
			}
			if (source.open >= this.maxConnections) {
				return this.tooMany;
			}
			source.open++;
			return null;
		});
	}

	/**
	 * An admitted connection of the client closed.
	 */
	public void closed(InetAddress address) {
		this.sources.ifPresent(address, (source) -> source.open--);
	}

	/**
	 * Forgets clients with nothing open and a full bucket.
	 */
	public void sweep() {
		long now = System.nanoTime();
		this.sources.sweep((source) -> source.open == 0 && (source.connects == null || source.connects.isFull(now)));
	}

	/**
	 * @return the number of clients tracked
	 */
	public int trackedSources() {
		return this.sources.size();
	}

	/**
	 * @return the connections the client at this address has open
	 */
	int open(InetAddress address) {
		int[] open = new int[1];
		this.sources.ifPresent(address, (source) -> open[0] = source.open);
		return open[0];
	}

	private static final class Source {

		/** Guarded by the table's lock for this client. */
		private int open;

		private final TokenBucket connects;

		Source(int perSecond, long now) {
			this.connects = (perSecond > 0) ? new TokenBucket(perSecond, 2.0 * perSecond, now) : null;
		}

	}

}
