package dev.sockets.tcp;

import java.util.concurrent.TimeUnit;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.bytes.ByteArrayDecoder;
import io.netty.handler.timeout.IdleStateHandler;

import dev.sockets.config.Framing;
import dev.sockets.config.TcpListenerProperties;
import dev.sockets.config.TelnetMode;

/**
 * Builds each connection's pipeline, read top to bottom: admission (PROXY header, access,
 * limits), TLS, bytes (counted), telnet commands out, unfinished lines timed, lines,
 * text, the lines of one read, idle timeout, connection.
 */
final class TcpPipeline extends ChannelInitializer<Channel> {

	private final NettyServerConnectionFactory listener;

	private final TcpListenerProperties settings;

	private final Admission admission;

	private final ListenerTls tls;

	TcpPipeline(NettyServerConnectionFactory listener, TcpListenerProperties settings, Admission admission,
			ListenerTls tls) {
		this.listener = listener;
		this.settings = settings;
		this.admission = admission;
		this.tls = tls;
	}

	@Override
	protected void initChannel(Channel channel) {
		ChannelPipeline pipeline = channel.pipeline();
		// Over TLS nothing can be said before the handshake, so a refusal is not
		// explained.
		pipeline.addLast(new AdmissionHandler(this.listener::refused, this.admission,
				this.listener.speaksText() && this.tls == null));
		if (this.tls != null) {
			pipeline.addLast(this.tls.newHandler(channel.alloc()));
		}
		ConnectionStats stats = new ConnectionStats();
		pipeline.addLast(new TrafficCounter(stats, this.listener.recorder()));
		if (this.settings.framing() == Framing.RAW) {
			pipeline.addLast(new ByteArrayDecoder());
		}
		else {
			int maxLength = (int) Math.min(Integer.MAX_VALUE - 2, this.settings.maxLineLength().toBytes());
			TelnetMode telnet = this.listener.telnet();
			if (telnet != TelnetMode.OFF) {
				pipeline.addLast(new TelnetHandler(telnet, this.listener.recorder(), maxLength));
			}
			if (this.settings.lineTimeout().isPositive()) {
				pipeline.addLast(new UnfinishedLineTimeout(this.settings.lineTimeout(),
						this.settings.framing() == Framing.CRLF));
			}
			pipeline.addLast(new LineFrameDecoder(maxLength, this.settings.framing() == Framing.CRLF));
			pipeline.addLast(new TextDecoder(this.listener.recorder()));
			pipeline.addLast(new LineBatcher());
		}
		long idleMillis = this.settings.idleTimeout().toMillis();
		if (idleMillis > 0) {
			// After the decoders: what counts is a complete line, not a byte, so a client
			// sending one byte a second times out like a silent one.
			pipeline.addLast(new IdleStateHandler(idleMillis, 0, 0, TimeUnit.MILLISECONDS));
		}
		pipeline.addLast(new PayloadEncoder());
		pipeline.addLast(new ConnectionHandler(this.listener, stats, this.tls != null));
	}

}
