package dev.sockets.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Echo flood: every connection pipelines 12-byte lines as fast as the server answers
 * them, keeping a bounded number unanswered; the result is lines echoed per second.
 */
final class EchoFlood {

	private static final int LINES_PER_WRITE = 1024;

	private static final int MAX_UNANSWERED = 16 * LINES_PER_WRITE;

	private static final ByteBuf CHUNK = Unpooled
		.unreleasableBuffer(Unpooled.copiedBuffer("hello world\n".repeat(LINES_PER_WRITE), StandardCharsets.US_ASCII));

	private EchoFlood() {
	}

	/**
	 * @return lines echoed per second during the measurement
	 */
	static double run(LoadClient client, int port, int connections, Duration warmup, Duration measure) {
		LongAdder echoed = new LongAdder();
		List<Channel> channels = client.connect(port, connections, () -> new Flooder(echoed));
		try {
			LoadClient.parkUntil(System.nanoTime() + warmup.toNanos());
			long before = echoed.sum();
			long start = System.nanoTime();
			LoadClient.parkUntil(start + measure.toNanos());
			return (echoed.sum() - before) / ((System.nanoTime() - start) / 1e9);
		}
		finally {
			LoadClient.closeAll(channels);
		}
	}

	private static final class Flooder extends ChannelInboundHandlerAdapter {

		private final LongAdder echoed;

		private long sent;

		private long received;

		Flooder(LongAdder echoed) {
			this.echoed = echoed;
		}

		@Override
		public void channelActive(ChannelHandlerContext ctx) {
			topUp(ctx);
		}

		@Override
		public void channelRead(ChannelHandlerContext ctx, Object msg) {
			ByteBuf buffer = (ByteBuf) msg;
			int lines = Lines.count(buffer);
			buffer.release();
			this.received += lines;
			this.echoed.add(lines);
		}

		@Override
		public void channelReadComplete(ChannelHandlerContext ctx) {
			topUp(ctx);
		}

		private void topUp(ChannelHandlerContext ctx) {
			boolean wrote = false;
			while (this.sent - this.received + LINES_PER_WRITE <= MAX_UNANSWERED) {
				ctx.write(CHUNK.duplicate(), ctx.voidPromise());
				this.sent += LINES_PER_WRITE;
				wrote = true;
			}
			if (wrote) {
				ctx.flush();
			}
		}

		@Override
		public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
			// A server that resets connections shows in the counts, not as stack traces.
			ctx.close();
		}

	}

}
