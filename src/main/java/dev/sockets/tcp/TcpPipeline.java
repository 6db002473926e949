package dev.sockets.tcp;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.timeout.IdleStateHandler;

import dev.sockets.limits.AccessRules;
import dev.sockets.config.Framing;
import dev.sockets.config.TcpListenerProperties;
import dev.sockets.listener.TrafficRecorder;

/**
 * Builds each connection's pipeline, read top to bottom: access check, TLS, bytes (counted), lines,
 * text, the lines of one read, idle timeout, connection.
 */
final class TcpPipeline extends ChannelInitializer<Channel> {

	private final NettyServerConnectionFactory factory;

	private final TcpListenerProperties settings;

	private final Supplier<TrafficRecorder> recorder;

	private final AccessRules access;

	private final ListenerTls tls;

	TcpPipeline(NettyServerConnectionFactory factory, TcpListenerProperties settings,
			Supplier<TrafficRecorder> recorder, ListenerTls tls) {
		this.factory = factory;
		this.settings = settings;
		this.recorder = recorder;
		this.access = settings.accessRules();
		this.tls = tls;
	}

	@Override
	protected void initChannel(Channel channel) {
		InetSocketAddress remote = (InetSocketAddress) channel.remoteAddress();
		if (!this.access.permits(remote.getAddress())) {
			// Not a byte of service: no handler is even added.
			this.factory.deny(channel);
			return;
		}
		ChannelPipeline pipeline = channel.pipeline();
		if (this.tls != null) {
			pipeline.addLast(this.tls.newHandler(channel.alloc()));
		}
		ConnectionStats stats = new ConnectionStats();
		TrafficRecorder recorder = this.recorder.get();
		pipeline.addLast(new TrafficCounter(stats, recorder));
		if (this.settings.framing() == Framing.RAW) {
			pipeline.addLast(new BytesDecoder());
		}
		else {
			int maxLength = (int) Math.min(Integer.MAX_VALUE - 2, this.settings.maxLineLength().toBytes());
			pipeline.addLast(new LineFrameDecoder(maxLength, this.settings.framing() == Framing.CRLF));
			pipeline.addLast(new TextDecoder(recorder));
			pipeline.addLast(new LineBatcher());
		}
		long idleMillis = this.settings.idleTimeout().toMillis();
		if (idleMillis > 0) {
			// After the decoders: what counts is a complete line, not a byte, so a client sending one
			// byte a second (slowloris) times out like a silent one.
			pipeline.addLast(new IdleStateHandler(idleMillis, 0, 0, TimeUnit.MILLISECONDS));
		}
		pipeline.addLast(new PayloadEncoder());
		pipeline.addLast(new ConnectionHandler(this.factory, stats, this.tls != null));
	}

}
