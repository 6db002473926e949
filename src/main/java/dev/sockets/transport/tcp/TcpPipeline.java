package dev.sockets.transport.tcp;

import java.util.concurrent.TimeUnit;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.timeout.IdleStateHandler;

import dev.sockets.transport.Framing;
import dev.sockets.transport.TcpListenerProperties;

/**
 * Builds each connection's pipeline, read top to bottom: bytes, lines, text, the lines of one read,
 * connection.
 */
final class TcpPipeline extends ChannelInitializer<Channel> {

	private final NettyServerConnectionFactory factory;

	private final TcpListenerProperties settings;

	TcpPipeline(NettyServerConnectionFactory factory, TcpListenerProperties settings) {
		this.factory = factory;
		this.settings = settings;
	}

	@Override
	protected void initChannel(Channel channel) {
		ChannelPipeline pipeline = channel.pipeline();
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
		pipeline.addLast(new ConnectionHandler(this.factory));
	}

}
