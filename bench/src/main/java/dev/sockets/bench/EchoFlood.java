package dev.sockets.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.ToIntFunction;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Echo flood: every connection pipelines what it sends as fast as the server answers it,
 * keeping a bounded amount unanswered; the result is what came back per second. Lines are
 * 12-byte lines, 1,024 to a write, counted as lines; raw messages are 1 KiB of binary,
 * counted as bytes.
 */
final class EchoFlood {

	private static final Payload LINES = new Payload(
			Unpooled.copiedBuffer("hello world\n".repeat(1024), StandardCharsets.US_ASCII), 1024, 16 * 1024,
			Lines::count);

	private static final Payload RAW = new Payload(Unpooled.wrappedBuffer(binary(1024)), 1024, 64 * 1024,
			ByteBuf::readableBytes);

	private EchoFlood() {
	}

	/**
	 * @return lines echoed per second during the measurement
	 */
	static double lines(LoadClient client, int port, int connections, Duration warmup, Duration measure) {
		return run(client, port, connections, LINES, warmup, measure);
	}

	/**
	 * @return bytes echoed per second during the measurement, in 1 KiB messages
	 */
	static double bytes(LoadClient client, int port, int connections, Duration warmup, Duration measure) {
		return run(client, port, connections, RAW, warmup, measure);
	}

	private static double run(LoadClient client, int port, int connections, Payload payload, Duration warmup,
			Duration measure) {
		LongAdder echoed = new LongAdder();
		List<Channel> channels = client.connect(port, connections, () -> new Flooder(payload, echoed));
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

	private static byte[] binary(int size) {
		byte[] bytes = new byte[size];
		for (int i = 0; i < size; i++) {
			bytes[i] = (byte) (i * 31);
		}
		return bytes;
	}

	/**
	 * What a flooder writes, and how what comes back is counted.
	 *
	 * @param chunk one write
	 * @param unitsPerChunk the units (lines, bytes) in one write
	 * @param maxUnanswered units sent and not yet answered, at most
	 * @param count the units in what was read
	 */
	private record Payload(ByteBuf chunk, int unitsPerChunk, int maxUnanswered, ToIntFunction<ByteBuf> count) {

		Payload {
			chunk = Unpooled.unreleasableBuffer(chunk);
		}

	}

	private static final class Flooder extends ChannelInboundHandlerAdapter {

		private final Payload payload;

		private final LongAdder echoed;

		private long sent;

		private long received;

		Flooder(Payload payload, LongAdder echoed) {
			this.payload = payload;
			this.echoed = echoed;
		}

		@Override
		public void channelActive(ChannelHandlerContext ctx) {
			topUp(ctx);
		}

		@Override
		public void channelRead(ChannelHandlerContext ctx, Object msg) {
			ByteBuf buffer = (ByteBuf) msg;
			int units = this.payload.count().applyAsInt(buffer);
			buffer.release();
			this.received += units;
			this.echoed.add(units);
		}

		@Override
		public void channelReadComplete(ChannelHandlerContext ctx) {
			topUp(ctx);
		}

		private void topUp(ChannelHandlerContext ctx) {
			boolean wrote = false;
			while (this.sent - this.received + this.payload.unitsPerChunk() <= this.payload.maxUnanswered()) {
				ctx.write(this.payload.chunk().duplicate(), ctx.voidPromise());
				this.sent += this.payload.unitsPerChunk();
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
