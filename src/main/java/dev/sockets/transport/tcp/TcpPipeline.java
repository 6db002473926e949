package dev.sockets.transport.tcp;

import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.timeout.IdleStateHandler;

import dev.sockets.transport.Framing;
import dev.sockets.transport.TcpListenerProperties;
import dev.sockets.transport.TrafficRecorder;

/**
 * Builds each connection's pipeline, read top to bottom: bytes (counted), lines, text, the lines of
 * one read, connection.
 */
final class TcpPipeline extends ChannelInitializer<Channel> {

	private final NettyServerConnectionFactory factory;

	private final TcpListenerProperties settings;

	private final Supplier<TrafficRecorder> recorder;

	TcpPipeline(NettyServerConnectionFactory factory, TcpListenerProperties settings,
			Supplier<TrafficRecorder> recorder) {
		this.factory = factory;
		this.settings = settings;
		this.recorder = recorder;
	}

	@Override
	protected void initChannel(Channel channel) {
		ChannelPipeline pipeline = channel.pipeline();
		ConnectionStats stats = new ConnectionStats();
		pipeline.addLast(new TrafficCounter(stats, this.recorder.get()));
		long idleMillis = this.settings.idleTimeout().toMillis();
		if (idleMillis > 0) {
			pipeline.addLast(new IdleStateHandler(idleMillis, 0, 0, TimeUnit.MILLISECONDS));
		}
		if (this.settings.framing() == Framing.RAW) {
			pipeline.addLast(new BytesDecoder());
		}
		else {
			int maxLength = (int) Math.min(Integer.MAX_VALUE - 2, this.settings.maxLineLength().toBytes());
			pipeline.addLast(new LineFrameDecoder(maxLength, this.settings.framing() == Framing.CRLF));
			pipeline.addLast(new TextDecoder());
			pipeline.addLast(new LineBatcher());
		}
		pipeline.addLast(new PayloadEncoder());
		pipeline.addLast(new ConnectionHandler(this.factory, stats));
	}

}
