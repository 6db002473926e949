package dev.sockets.tcp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;

import dev.sockets.listener.TrafficRecorder;

/**
 * The first stage of the pipeline: counts the bytes that go in and out, for the
 * connection's own statistics and for the listener's.
 */
final class TrafficCounter extends ChannelDuplexHandler {

	private final ConnectionStats stats;

	private final TrafficRecorder recorder;

	TrafficCounter(ConnectionStats stats, TrafficRecorder recorder) {
		this.stats = stats;
		this.recorder = recorder;
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		if (msg instanceof ByteBuf bytes) {
			int count = bytes.readableBytes();
			this.stats.received(count);
			this.recorder.bytesReceived(count);
		}
		ctx.fireChannelRead(msg);
	}

	@Override
	public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
		if (msg instanceof ByteBuf bytes) {
			int count = bytes.readableBytes();
			this.stats.sent(count);
			this.recorder.bytesSent(count);
		}
		ctx.write(msg, promise);
	}

}
