package dev.sockets.limits;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;

/**
 * A WARN log that a flood cannot turn into a flood of log lines: at most one line per
 * kind of event per interval, telling how many similar events it held back. Kinds are
 * throttled apart, so a flood of one cannot hide another.
 */
public final class ThrottledLog {

	private static final long INTERVAL_NANOS = 10_000_000_000L;

	private final Log log;

	private final ConcurrentHashMap<String, Throttle> throttles = new ConcurrentHashMap<>();

	public ThrottledLog(Log log) {
		this.log = log;
	}

	/**
	 * @param kind what happened, e.g. {@code denied}; events of one kind share a throttle
	 */
	public void warn(String kind, Supplier<String> message) {
		this.throttles.computeIfAbsent(kind, (key) -> new Throttle()).warn(this.log, message);
	}

	private static final class Throttle {

		private final AtomicLong nextAllowed = new AtomicLong(System.nanoTime());

		private final AtomicLong suppressed = new AtomicLong();

		void warn(Log log, Supplier<String> message) {
			long now = System.nanoTime();
			long next = this.nextAllowed.get();
			if (now - next >= 0 && this.nextAllowed.compareAndSet(next, now + INTERVAL_NANOS)) {
				long held = this.suppressed.getAndSet(0);
				log.warn((held > 0) ? message.get() + " (and " + held + " similar since the last report)"
						: message.get());
			}
			else {
				this.suppressed.incrementAndGet();
			}
		}

	}

}
