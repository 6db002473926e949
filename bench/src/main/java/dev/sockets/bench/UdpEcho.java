package dev.sockets.bench;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.socket.DatagramPacket;

/**
 * UDP echo at a fixed offered rate: datagrams go out in 1 ms ticks from a few client
 * sockets; the result is how many came back.
 */
final class UdpEcho {

	private static final int SOCKETS = 4;

	private static final ByteBuf PAYLOAD = Unpooled
		.unreleasableBuffer(Unpooled.copiedBuffer("ping 000000\n", StandardCharsets.US_ASCII));

	private UdpEcho() {
	}

	static Outcome run(LoadClient client, int port, int datagramsPerSecond, Duration warmup, Duration measure) {
		Counter counter = new Counter();
		List<Channel> sockets = new ArrayList<>();
		Bootstrap bootstrap = new Bootstrap().group(client.group())
			.channel(EpollDatagramChannel.class)
			.option(ChannelOption.SO_RCVBUF, 4 * 1024 * 1024)
			.handler(counter);
		for (int i = 0; i < SOCKETS; i++) {
			sockets.add(bootstrap.bind(new InetSocketAddress("127.0.0.1", 0)).syncUninterruptibly().channel());
		}
		InetSocketAddress server = new InetSocketAddress("127.0.0.1", port);
		try {
			offer(sockets, server, datagramsPerSecond, warmup);
			// Let the warm-up's answers arrive before counting.
			LoadClient.parkUntil(System.nanoTime() + 500_000_000L);
			counter.answered.reset();
			long start = System.nanoTime();
			long sent = offer(sockets, server, datagramsPerSecond, measure);
			double seconds = (System.nanoTime() - start) / 1e9;
			LoadClient.parkUntil(System.nanoTime() + 1_000_000_000L);
			return new Outcome(sent, counter.answered.sum(), seconds);
		}
		finally {
			LoadClient.closeAll(sockets);
		}
	}

	private static long offer(List<Channel> sockets, InetSocketAddress server, int perSecond, Duration duration) {
		long ticks = duration.toMillis();
		long start = System.nanoTime();
		long sent = 0;
		for (long tick = 0; tick < ticks; tick++) {
			LoadClient.parkUntil(start + tick * 1_000_000L);
			long due = (tick + 1) * perSecond / 1000;
			long batch = due - sent;
			for (long i = 0; i < batch; i++) {
				sockets.get((int) ((sent + i) % SOCKETS)).write(new DatagramPacket(PAYLOAD.duplicate(), server));
			}
			sockets.forEach(Channel::flush);
			sent = due;
		}
		return sent;
	}

	/**
	 * @param sent datagrams sent during the measurement
	 * @param answered answers to them
	 */
	record Outcome(long sent, long answered, double seconds) {

		double answeredPerSecond() {
			return this.answered / this.seconds;
		}

		double lossPercent() {
			return (this.sent == 0) ? 0 : 100.0 * (this.sent - this.answered) / this.sent;
		}

	}

	@Sharable
	private static final class Counter extends ChannelInboundHandlerAdapter {

		private final LongAdder answered = new LongAdder();

		@Override
		public void channelRead(ChannelHandlerContext ctx, Object msg) {
			((DatagramPacket) msg).release();
			this.answered.increment();
		}

	}

}
