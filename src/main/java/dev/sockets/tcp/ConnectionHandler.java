package dev.sockets.tcp;

import java.io.IOException;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;

import dev.sockets.listener.CloseReason;
import dev.sockets.listener.ErrorLine;

/**
 * The last stage of the pipeline: opens the {@link NettyTcpConnection} that Spring
 * Integration sees once the connection is admitted (and its TLS handshake done, where
 * there is one), and hands it decoded messages and events.
 */
final class ConnectionHandler extends ChannelInboundHandlerAdapter {

	private final NettyServerConnectionFactory listener;

	private final ConnectionStats stats;

	private final boolean tls;

	private NettyTcpConnection connection;

	/** When the TLS handshake began: when the connection was admitted. */
	private long handshakeStarted;

	ConnectionHandler(NettyServerConnectionFactory listener, ConnectionStats stats, boolean tls) {
		this.listener = listener;
		this.stats = stats;
		this.tls = tls;
	}

	@Override
	public void channelActive(ChannelHandlerContext ctx) {
		if (this.tls) {
			this.handshakeStarted = System.nanoTime();
		}
		else {
			this.connection = this.listener.open(ctx.channel(), this.stats);
		}
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		if (this.connection == null) {
			ReferenceCountUtil.release(msg);
		}
		else if (msg instanceof LineTooLong tooLong) {
			this.listener.closing(this.connection, CloseReason.LINE_TOO_LONG);
			this.connection.reject(CloseReason.LINE_TOO_LONG, "line too long (max " + tooLong.maxBytes() + " bytes)");
		}
		else {
			try {
				this.connection.receive(msg);
			}
			catch (RuntimeException ex) {
				// The flow failed for this message only; the client hears that much, and
				// may go on.
				this.listener.failed(this.connection, ex);
				if (this.listener.speaksText()) {
					this.connection.reply(ErrorLine.of("internal error"));
				}
			}
		}
	}

	@Override
	public void channelReadComplete(ChannelHandlerContext ctx) {
		if (this.connection != null) {
			this.connection.readComplete();
		}
	}

	@Override
	public void channelWritabilityChanged(ChannelHandlerContext ctx) {
		if (this.connection != null && ctx.channel().isWritable()) {
			this.connection.resumeReading();
		}
	}

	@Override
	public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
		if (evt instanceof SslHandshakeCompletionEvent handshake && this.connection == null) {
			if (handshake.isSuccess()) {
				this.listener.recorder().tlsHandshakeSucceeded(System.nanoTime() - this.handshakeStarted);
				this.connection = this.listener.open(ctx.channel(), this.stats);
			}
			else {
				this.listener.tlsFailed(ctx.channel(), handshake.cause());
				ctx.close();
			}
		}
		else if (evt instanceof IdleStateEvent && this.connection != null) {
			this.listener.closing(this.connection, CloseReason.IDLE);
			this.connection.reject(CloseReason.IDLE,
					"idle timeout (nothing received for " + this.listener.idleTimeout().toSeconds() + " s)");
		}
		else if (evt instanceof UnfinishedLine unfinished && this.connection != null) {
			this.listener.closing(this.connection, CloseReason.UNFINISHED_LINE);
			this.connection.reject(CloseReason.UNFINISHED_LINE,
					"line not finished within " + unfinished.timeout().toSeconds() + " s");
		}
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) {
		if (this.connection != null) {
			this.connection.ended(CloseReason.CLIENT_CLOSED);
		}
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		if (this.connection == null) {
			// The TLS handshake reports its failure as an event too; anything else before
			// opening just ends it.
			ctx.close();
			return;
		}
		if (!(cause instanceof IOException)) {
			this.listener.failed(this.connection, cause);
		}
		// Resets are part of life on a network: counted, not logged.
		this.connection.abort(CloseReason.RESET);
	}

}
