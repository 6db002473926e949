package dev.sockets.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.util.AttributeKey;

/**
 * Chat fan-out: members in one room, one of them speaking at a fixed interval; every
 * other member measures how long each message took to reach it, and counts what never
 * arrived.
 */
final class ChatFanout {

	private static final String MARK = "~m ";

	private static final String PROBE = "~s";

	private ChatFanout() {
	}

	static Outcome run(LoadClient client, int port, int members, Duration interval, Duration warmup, Duration measure) {
		return run(client, List.of(port), members, interval, warmup, measure);
	}

	/**
	 * @param ports the chat ports of the instances sharing the room; the members are
	 * spread evenly over them, and the one who speaks is on the first
	 */
	static Outcome run(LoadClient client, List<Integer> ports, int members, Duration interval, Duration warmup,
			Duration measure) {
		int capacity = (int) ((warmup.toNanos() + measure.toNanos()) / interval.toNanos()) + 16;
		Reader reader = new Reader(capacity);
		List<Channel> channels = new ArrayList<>();
		try {
			for (int i = 0; i < ports.size(); i++) {
				int count = members / ports.size() + ((i < members % ports.size()) ? 1 : 0);
				channels.addAll(client.connect(ports.get(i), count, () -> new ChannelInitializer<Channel>() {
					@Override
					protected void initChannel(Channel channel) {
						channel.pipeline().addLast(new LineBasedFrameDecoder(65536), reader);
					}
				}));
			}
			Channel speaker = channels.get(0);
			synchronise(speaker, reader, members - 1);
			long start = System.nanoTime();
			long measureFrom = start + warmup.toNanos();
			long end = measureFrom + measure.toNanos();
			reader.measureFrom.set(measureFrom);
			int last = 0;
			int firstMeasured = Integer.MAX_VALUE;
			for (int seq = 1;; seq++) {
				long due = start + (seq - 1) * interval.toNanos();
				if (due >= end) {
					break;
				}
				LoadClient.parkUntil(due);
				send(speaker, seq, reader);
				if (due >= measureFrom) {
					firstMeasured = Math.min(firstMeasured, seq);
				}
				last = seq;
			}
			reader.await(last, members - 1, Duration.ofSeconds(10));
			long lost = 0;
			for (int seq = firstMeasured; seq <= last; seq++) {
				lost += (members - 1) - reader.arrived.get(seq);
			}
			return new Outcome(reader.latency, reader.deliveries.sum() / (measure.toNanos() / 1e9), lost);
		}
		finally {
			LoadClient.closeAll(channels);
		}
	}

	/**
	 * Probes the room until every member has heard a probe: by then each one is in the
	 * room, and has read everything the server sent it before (the join notices of a
	 * thousand members).
	 */
	private static void synchronise(Channel speaker, Reader reader, int listeners) {
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (reader.probed.get() < listeners) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("Only " + reader.probed.get() + " of " + listeners + " members joined");
			}
			speaker.writeAndFlush(Unpooled.copiedBuffer(PROBE + "\n", StandardCharsets.US_ASCII));
			// Each probe goes to everyone in the room so far: probed as often as a small
			// room is, 10,000 members would be sent 200,000 probes a second while the
			// rest join.
			LoadClient.parkUntil(System.nanoTime() + ((listeners > 1000) ? 500_000_000 : 50_000_000));
		}
	}

	private static void send(Channel speaker, int seq, Reader reader) {
		reader.sentAt.set(seq, System.nanoTime());
		speaker.writeAndFlush(Unpooled.copiedBuffer(MARK + seq + "\n", StandardCharsets.US_ASCII));
	}

	/**
	 * @param latency delivery latencies at every member, for messages sent during the
	 * measurement
	 * @param deliveriesPerSecond deliveries received per second during the measurement
	 * @param lost deliveries of measured messages that never arrived
	 */
	record Outcome(Latency latency, double deliveriesPerSecond, long lost) {
	}

	/**
	 * Every member's reader: one instance for all, since all it keeps is shared counts.
	 */
	@Sharable
	private static final class Reader extends ChannelInboundHandlerAdapter {

		private static final AttributeKey<Boolean> PROBED = AttributeKey.valueOf("probed");

		private final AtomicLongArray sentAt;

		private final AtomicIntegerArray arrived;

		private final AtomicLong measureFrom = new AtomicLong(Long.MAX_VALUE);

		private final Latency latency = new Latency();

		private final LongAdder deliveries = new LongAdder();

		private final AtomicInteger probed = new AtomicInteger();

		Reader(int capacity) {
			this.sentAt = new AtomicLongArray(capacity);
			this.arrived = new AtomicIntegerArray(capacity);
		}

		@Override
		public void channelRead(ChannelHandlerContext ctx, Object msg) {
			ByteBuf line = (ByteBuf) msg;
			long now = System.nanoTime();
			String text = line.toString(StandardCharsets.US_ASCII);
			line.release();
			int mark = text.indexOf(MARK);
			// A joiner's replayed history is stamped "[time] <nick> ..."; only live lines
			// count.
			if (text.startsWith("[")) {
				return;
			}
			if (mark < 0) {
				if (text.endsWith(PROBE) && ctx.channel().attr(PROBED).setIfAbsent(Boolean.TRUE) == null) {
					this.probed.incrementAndGet();
				}
				return;
			}
			int seq = Integer.parseInt(text.substring(mark + MARK.length()).strip());
			this.arrived.incrementAndGet(seq);
			long sent = this.sentAt.get(seq);
			if (seq > 0 && sent >= this.measureFrom.get()) {
				this.latency.record(now - sent);
				this.deliveries.increment();
			}
		}

		void await(int seq, int expected, Duration timeout) {
			long deadline = System.nanoTime() + timeout.toNanos();
			while (this.arrived.get(seq) < expected && System.nanoTime() < deadline) {
				LoadClient.parkUntil(System.nanoTime() + 5_000_000);
			}
		}

	}

}
