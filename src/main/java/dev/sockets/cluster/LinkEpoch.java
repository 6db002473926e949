package dev.sockets.cluster;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The link's ups and downs as the work waiting on the publishing thread sees them. A
 * Redis that hangs holds that thread up until the link is declared lost, and thousands of
 * events and writes queue behind it meanwhile; done once Redis answers again, they would
 * be late, and would hold up the heartbeat that brings the link back until it is lost
 * again. So work is marked when it is queued, and done only if the link is up and has not
 * gone down since.
 */
final class LinkEpoch {

	/** The header of an event waiting to be published: its {@link #mark()}. */
	static final String MARK = "chatClusterLinkMark";

	private final AtomicLong downs = new AtomicLong();

	private volatile boolean up;

	/**
	 * @return a mark for work queued now; work queued while the link is not up is never
	 * current
	 */
	long mark() {
		return this.up ? this.downs.get() : -1;
	}

	/**
	 * @return whether work queued with the mark is still to be done: the link is up and
	 * has not gone down since
	 */
	boolean current(long mark) {
		return this.up && this.downs.get() == mark;
	}

	boolean up() {
		return this.up;
	}

	void linked(boolean up) {
		if (!up) {
			this.downs.incrementAndGet();
		}
		this.up = up;
	}

	/**
	 * @param stale told of each piece of work not done, having gone stale
	 * @return an executor that does on another what is still current when its turn comes
	 */
	Executor gate(Executor executor, Runnable stale) {
		return (work) -> {
			long mark = mark();
			executor.execute(() -> {
				if (current(mark)) {
					work.run();
				}
				else {
					stale.run();
				}
			});
		};
	}

}
