package dev.sockets.tcp;

import java.time.Instant;

/**
 * What one connection has done so far. Written only on the connection's I/O thread; read
 * from anywhere (the actuator, the close log), where a value a moment old is good enough.
 */
final class ConnectionStats {

	private final Instant openedAt = Instant.now();

	private volatile long bytesIn;

	private volatile long bytesOut;

	private volatile long lastActivityMillis = this.openedAt.toEpochMilli();

	void received(long bytes) {
		this.bytesIn += bytes;
		this.lastActivityMillis = System.currentTimeMillis();
	}

	void sent(long bytes) {
		this.bytesOut += bytes;
		this.lastActivityMillis = System.currentTimeMillis();
	}

	Instant openedAt() {
		return this.openedAt;
	}

	long bytesIn() {
		return this.bytesIn;
	}

	long bytesOut() {
		return this.bytesOut;
	}

	Instant lastActivity() {
		return Instant.ofEpochMilli(this.lastActivityMillis);
	}

}
