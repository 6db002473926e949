package dev.sockets.transport.tcp;

import java.io.IOException;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The last stage of the pipeline: hands decoded messages and connection events to the
 * {@link NettyTcpConnection} that Spring Integration sees.
 */
final class ConnectionHandler extends ChannelInboundHandlerAdapter {

	private static final Log logger = LogFactory.getLog(ConnectionHandler.class);

	private final NettyServerConnectionFactory factory;

	private final ConnectionStats stats;

	private NettyTcpConnection connection;

	ConnectionHandler(NettyServerConnectionFactory factory, ConnectionStats stats) {
		this.factory = factory;
		this.stats = stats;
	}

	@Override
	public void channelActive(ChannelHandlerContext ctx) {
		this.connection = this.factory.open(ctx.channel(), this.stats);
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
				// The flow failed for this message only; the client hears it and may go on.
				logger.warn(this.factory.listenerId() + ": failed to handle input from "
						+ this.connection.getHostAddress() + ": " + ex.getMessage());
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
		if (evt instanceof IdleStateEvent && this.connection != null) {
			this.factory.logRejection(this.connection, CloseReason.IDLE);
			this.connection.reject(CloseReason.IDLE,
					"idle timeout (nothing received for " + this.factory.idleTimeout().toSeconds() + " s)");
		}
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) {
		if (this.connection != null) {
			this.connection.closed();
			this.factory.socketClosed();
		}
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		if (this.connection == null) {
			ctx.close();
			return;
		}
		if (cause instanceof IOException) {
			// Resets are part of life on a network: one line, no stack trace.
			logger.debug(this.factory.listenerId() + ": " + this.connection.getHostAddress() + ": " + cause.getMessage());
		}
		else {
			logger.warn(this.factory.listenerId() + ": closing connection from " + this.connection.getHostAddress()
					+ " after an error: " + cause);
		}
		this.connection.abort(CloseReason.RESET);
	}

}
