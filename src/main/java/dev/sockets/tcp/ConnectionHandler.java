package dev.sockets.tcp;

import java.io.IOException;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import dev.sockets.listener.CloseReason;

/**
 * The last stage of the pipeline: admits the connection against the listener's limits, opens the
 * {@link NettyTcpConnection} that Spring Integration sees (after the TLS handshake, where there is
 * one), and hands it decoded messages and events.
 */
final class ConnectionHandler extends ChannelInboundHandlerAdapter {

	private final NettyServerConnectionFactory factory;

	private final ConnectionStats stats;

	private final boolean tls;

	/** Whether the connection counts against the listener's limits, until its socket closes. */
	private boolean admitted;

	private NettyTcpConnection connection;

	ConnectionHandler(NettyServerConnectionFactory factory, ConnectionStats stats, boolean tls) {
		this.factory = factory;
		this.stats = stats;
		this.tls = tls;
	}

	@Override
	public void channelActive(ChannelHandlerContext ctx) {
		this.admitted = this.factory.admit(ctx.channel(), !this.tls);
		if (this.admitted && !this.tls) {
			this.connection = this.factory.open(ctx.channel(), this.stats);
		}
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		if (this.connection == null) {
			ReferenceCountUtil.release(msg);
		}
		else if (msg instanceof LineTooLong tooLong) {
			this.factory.logRejection(this.connection, CloseReason.LINE_TOO_LONG);
			this.connection.reject(CloseReason.LINE_TOO_LONG, "line too long (max " + tooLong.maxBytes() + " bytes)");
		}
		else {
			try {
				this.connection.receive(msg);
			}
			catch (RuntimeException ex) {
				// The flow failed for this message only; the client hears that much, and may go on.
				this.factory.failed(this.connection, ex);
				if (this.factory.speaksText()) {
					ctx.write("ERR internal error", ctx.voidPromise());
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
		if (evt instanceof SslHandshakeCompletionEvent handshake && this.admitted && this.connection == null) {
			if (handshake.isSuccess()) {
				this.connection = this.factory.open(ctx.channel(), this.stats);
			}
			else {
				this.factory.tlsFailed(ctx.channel(), handshake.cause());
			}
		}
		else if (evt instanceof IdleStateEvent && this.connection != null) {
			this.factory.logRejection(this.connection, CloseReason.IDLE);
			this.connection.reject(CloseReason.IDLE,
					"idle timeout (nothing received for " + this.factory.idleTimeout().toSeconds() + " s)");
		}
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) {
		if (this.connection != null) {
			this.connection.closed();
		}
		if (this.admitted) {
			this.factory.released(ctx.channel());
		}
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		if (this.connection == null) {
			// The TLS handshake reports its failure as an event too; anything else before opening just ends it.
			ctx.close();
			return;
		}
		if (!(cause instanceof IOException)) {
			this.factory.failed(this.connection, cause);
		}
		// Resets are part of life on a network: counted, not logged.
		this.connection.abort(CloseReason.RESET);
	}

}
