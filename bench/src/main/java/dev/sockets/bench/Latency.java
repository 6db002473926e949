package dev.sockets.bench;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Latencies in nanoseconds, recorded from any thread, read as percentiles in
 * milliseconds.
 */
final class Latency {

	private final Histogram histogram = new ConcurrentHistogram(60_000_000_000L, 3);

	void record(long nanos) {
		this.histogram.recordValue(Math.max(0, Math.min(nanos, 60_000_000_000L)));
	}

	long count() {
		return this.histogram.getTotalCount();
	}

	/**
	 * @param percentile e.g. 99.9
	 * @return the latency at that percentile, in milliseconds
	 */
	double millis(double percentile) {
		return this.histogram.getValueAtPercentile(percentile) / 1_000_000.0;
	}

	double maxMillis() {
		return this.histogram.getMaxValue() / 1_000_000.0;
	}

}
