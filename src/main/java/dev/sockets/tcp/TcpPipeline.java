package dev.sockets.tcp;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;

import dev.sockets.config.Framing;
import dev.sockets.config.TcpListenerProperties;
import dev.sockets.config.TelnetMode;

/**
 * Builds each connection's pipeline, read top to bottom: admission (PROXY header, access,
 * limits), TLS, bytes (counted), replies encoded, telnet commands out, unfinished lines
 * timed, lines, text, the lines of one read, connection. A listener whose flows read
 * nothing gets no decoders, and neither does a raw one. The idle timeout (and, on IRC,
 * the ping before it) is the listener's ({@link IdleSweep}), not a stage of each
 * pipeline.
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
				(this.listener.speaksText() && this.tls == null) ? this.listener.dialogue() : null));
		if (this.tls != null) {
			pipeline.addLast(this.tls.newHandler(channel.alloc()));
		}
		ConnectionStats stats = new ConnectionStats();
		pipeline.addLast(new TrafficCounter(stats, this.listener.recorder()));
		// Before telnet and the decoders, none of which writes through it, so that bytes
		// written from the encoder on (as a fan-out's are) pass none of them.
		pipeline.addLast(new PayloadEncoder());
		// Where nothing receives what clients send (time speaks and closes), what they
		// send is counted and dropped, with no decoder built for it. Raw input needs no
		// decoder either: the connection hands each read's buffer to the flow as it is,
		// a Chunk.
		if (this.listener.getListener() != null && this.settings.framing() != Framing.RAW) {
			boolean irc = this.listener.dialogue() == Dialogue.IRC;
			int maxLength = (int) Math.min(irc ? Dialogue.IRC_MAX_LINE : Integer.MAX_VALUE - 2,
					this.settings.maxLineLength().toBytes());
			TelnetMode telnet = this.listener.telnet();
			if (telnet != TelnetMode.OFF) {
				pipeline.addLast(new TelnetHandler(telnet, this.listener.recorder(), maxLength));
			}
			if (this.settings.lineTimeout().isPositive()) {
				pipeline.addLast(new UnfinishedLineTimeout(this.settings.lineTimeout(),
						this.settings.framing() == Framing.CRLF));
			}
			pipeline.addLast(new LineFrameDecoder(maxLength, this.settings.framing() == Framing.CRLF, irc));
			pipeline.addLast(new TextDecoder(this.listener.recorder()));
			pipeline.addLast(new LineBatcher());
		}
		pipeline.addLast(new ConnectionHandler(this.listener, stats, this.tls != null));
	}

}
