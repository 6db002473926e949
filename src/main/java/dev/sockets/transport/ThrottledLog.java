package dev.sockets.transport;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;

/**
 * A WARN log that a flood cannot turn into a flood of log lines: at most one line per interval,
 * telling how many similar lines it held back.
 */
public final class ThrottledLog {

	private static final long INTERVAL_NANOS = 10_000_000_000L;

	private final Log log;

	private final AtomicLong nextAllowed = new AtomicLong(System.nanoTime());

	private final AtomicLong suppressed = new AtomicLong();

	public ThrottledLog(Log log) {
		this.log = log;
	}

	public void warn(Supplier<String> message) {
		long now = System.nanoTime();
		long next = this.nextAllowed.get();
		if (now - next >= 0 && this.nextAllowed.compareAndSet(next, now + INTERVAL_NANOS)) {
			long held = this.suppressed.getAndSet(0);
			this.log.warn((held > 0) ? message.get() + " (and " + held + " similar since the last report)" : message.get());
		}
		else {
			this.suppressed.incrementAndGet();
		}
	}

}
