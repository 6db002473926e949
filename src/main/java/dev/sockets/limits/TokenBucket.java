package dev.sockets.limits;

/**
 * A token bucket: a sustained rate with room for a burst. It starts full; each use takes
 * tokens, which flow back at the rate up to the burst. Time is given by the caller in
 * nanoseconds, so the bucket is testable and costs no clock read of its own.
 */
public final class TokenBucket {

	private final double tokensPerNano;

	private final double burst;

	private double tokens;

	private long updatedAt;

	/**
	 * @param perSecond tokens added per second
	 * @param burst most tokens held at once, and so the largest burst
	 * @param now the current time, in nanoseconds
	 */
	public TokenBucket(double perSecond, double burst, long now) {
		if (perSecond <= 0 || burst < 1) {
			throw new IllegalArgumentException("A bucket needs a positive rate and a burst of at least 1");
		}
		this.tokensPerNano = perSecond / 1e9;
		this.burst = burst;
		this.tokens = burst;
		this.updatedAt = now;
	}

	/**
	 * Takes tokens if there are enough; otherwise takes none.
	 * @return whether the tokens were taken
	 */
	public synchronized boolean tryTake(double cost, long now) {
		refill(now);
		if (this.tokens < cost) {
			return false;
		}
		this.tokens -= cost;
		return true;
	}

	/**
	 * @return whether the bucket has filled up again, i.e. forgetting it would change
	 * nothing
	 */
	public synchronized boolean isFull(long now) {
		refill(now);
		return this.tokens >= this.burst;
	}

	private void refill(long now) {
		long elapsed = now - this.updatedAt;
		if (elapsed > 0) {
			this.tokens = Math.min(this.burst, this.tokens + elapsed * this.tokensPerNano);
			this.updatedAt = now;
		}
	}

}
