package dev.sockets.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Echo at a fixed rate: lines go out on a schedule spread over the connections, and each
 * line's latency is measured from the moment it was due, not the moment it was sent, so a
 * stalled server shows as the latency its clients would see (no coordinated omission).
 */
final class PacedEcho {

	private static final ByteBuf LINE = Unpooled
		.unreleasableBuffer(Unpooled.copiedBuffer("ping 000000\n", StandardCharsets.US_ASCII));

	private PacedEcho() {
	}

	/**
	 * Runs on connections already open, each with an {@link Answers} handler.
	 */
	static Outcome run(List<Channel> channels, double linesPerSecond, Duration warmup, Duration measure) {
		Latency latency = new Latency();
		long period = (long) (1e9 / linesPerSecond);
		long start = System.nanoTime();
		long measureFrom = start + warmup.toNanos();
		long end = measureFrom + measure.toNanos();
		long sent = 0;
		for (long i = 0;; i++) {
			long due = start + i * period;
			if (due >= end) {
				break;
			}
			LoadClient.parkUntil(due);
			Channel channel = channels.get((int) (i % channels.size()));
			Answers answers = channel.pipeline().get(Answers.class);
			Latency recorder = (due >= measureFrom) ? latency : null;
			if (recorder != null) {
				sent++;
			}
			channel.eventLoop().execute(() -> {
				answers.expect(due, recorder);
				channel.writeAndFlush(LINE.duplicate(), channel.voidPromise());
			});
		}
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (latency.count() < sent && System.nanoTime() < deadline) {
			LoadClient.parkUntil(System.nanoTime() + 10_000_000);
		}
		return new Outcome(latency, sent, sent - latency.count());
	}

	/**
	 * The outcome of a run.
	 *
	 * @param latency round trips of the lines due during the measurement
	 * @param sent lines sent during the measurement
	 * @param lost lines sent during the measurement and never answered
	 */
	record Outcome(Latency latency, long sent, long lost) {
	}

	/**
	 * Matches answers to lines: a server answers a connection's lines in order.
	 */
	static final class Answers extends ChannelInboundHandlerAdapter {

		private final ArrayDeque<Object[]> due = new ArrayDeque<>();

		void expect(long dueNanos, Latency recorder) {
			this.due.add(new Object[] { dueNanos, recorder });
		}

		@Override
		public void channelRead(ChannelHandlerContext ctx, Object msg) {
			ByteBuf buffer = (ByteBuf) msg;
			int lines = Lines.count(buffer);
			buffer.release();
			long now = System.nanoTime();
			for (int i = 0; i < lines; i++) {
				Object[] line = this.due.poll();
				if (line != null && line[1] instanceof Latency recorder) {
					recorder.record(now - (long) line[0]);
				}
			}
		}

		@Override
		public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
			// A server that resets connections shows in the counts, not as stack traces.
			ctx.close();
		}

	}

}
