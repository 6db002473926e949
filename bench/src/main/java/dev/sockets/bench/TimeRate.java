package dev.sockets.bench;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Time service rate: a fixed number of clients each connect, read the line to the
 * server's close, and connect again; the result is connections served per second.
 */
final class TimeRate {

	private TimeRate() {
	}

	static Outcome run(LoadClient client, int port, int concurrency, Duration warmup, Duration measure) {
		LongAdder served = new LongAdder();
		LongAdder failures = new LongAdder();
		AtomicBoolean running = new AtomicBoolean(true);
		AtomicInteger open = new AtomicInteger();
		Bootstrap bootstrap = client.bootstrap();
		InetSocketAddress server = new InetSocketAddress("127.0.0.1", port);
		Runnable[] next = new Runnable[1];
		next[0] = () -> {
			if (!running.get()) {
				return;
			}
			open.incrementAndGet();
			bootstrap.clone().handler(new Reader(served, failures, () -> {
				open.decrementAndGet();
				next[0].run();
			})).connect(server).addListener((connected) -> {
				if (!connected.isSuccess()) {
					failures.increment();
					open.decrementAndGet();
					next[0].run();
				}
			});
		};
		for (int i = 0; i < concurrency; i++) {
			next[0].run();
		}
		LoadClient.parkUntil(System.nanoTime() + warmup.toNanos());
		long before = served.sum();
		long failuresBefore = failures.sum();
		long start = System.nanoTime();
		LoadClient.parkUntil(start + measure.toNanos());
		double perSecond = (served.sum() - before) / ((System.nanoTime() - start) / 1e9);
		long failed = failures.sum() - failuresBefore;
		running.set(false);
		long deadline = System.nanoTime() + 5_000_000_000L;
		while (open.get() > 0 && System.nanoTime() < deadline) {
			LoadClient.parkUntil(System.nanoTime() + 10_000_000);
		}
		return new Outcome(perSecond, failed);
	}

	/**
	 * @param perSecond connections served per second during the measurement
	 * @param failures connections that failed or closed without a complete line
	 */
	record Outcome(double perSecond, long failures) {
	}

	private static final class Reader extends ChannelInboundHandlerAdapter {

		private final LongAdder served;

		private final LongAdder failures;

		private final Runnable done;

		private boolean lineEnded;

		Reader(LongAdder served, LongAdder failures, Runnable done) {
			this.served = served;
			this.failures = failures;
			this.done = done;
		}

		@Override
		public void channelRead(ChannelHandlerContext ctx, Object msg) {
			ByteBuf buffer = (ByteBuf) msg;
			if (buffer.isReadable() && buffer.getByte(buffer.writerIndex() - 1) == '\n') {
				this.lineEnded = true;
			}
			buffer.release();
		}

		@Override
		public void channelInactive(ChannelHandlerContext ctx) {
			if (this.lineEnded) {
				this.served.increment();
			}
			else {
				this.failures.increment();
			}
			this.done.run();
		}

		@Override
		public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
			ctx.close();
		}

	}

}
