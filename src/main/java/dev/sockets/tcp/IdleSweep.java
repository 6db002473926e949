package dev.sockets.tcp;

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.netty.util.concurrent.EventExecutorGroup;

/**
 * The idle timeout of one listener's connections: a single timer looks over them all, a
 * tenth of the timeout apart (at least 10 ms, at most a second), rather than a timer and
 * a handler of its own held by each connection, which at 10,000 connections held were
 * some 240 bytes each and a scheduled task for every read to push back.
 */
final class IdleSweep {

	private static final long MIN_PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

	private static final long MAX_PERIOD_NANOS = TimeUnit.SECONDS.toNanos(1);

	private final long timeoutNanos;

	private final Collection<NettyTcpConnection> connections;

	private ScheduledFuture<?> sweeping;

	/**
	 * @param timeout how long a connection may send nothing; zero for never
	 * @param connections the listener's open connections, as they come and go
	 */
	IdleSweep(Duration timeout, Collection<NettyTcpConnection> connections) {
		this.timeoutNanos = timeout.toNanos();
		this.connections = connections;
	}

	synchronized void start(EventExecutorGroup executor) {
		if (this.timeoutNanos > 0 && this.sweeping == null) {
			long period = Math.clamp(this.timeoutNanos / 10, MIN_PERIOD_NANOS, MAX_PERIOD_NANOS);
			this.sweeping = executor.scheduleAtFixedRate(this::sweep, period, period, TimeUnit.NANOSECONDS);
		}
	}

	synchronized void stop() {
		if (this.sweeping != null) {
			this.sweeping.cancel(false);
			this.sweeping = null;
		}
	}

	private void sweep() {
		long now = System.nanoTime();
		for (NettyTcpConnection connection : this.connections) {
			connection.closeIfIdle(now, this.timeoutNanos);
		}
	}

}
