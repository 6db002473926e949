package dev.sockets.tcp;

import java.util.ArrayList;
import java.util.List;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Text to batches: gathers the lines decoded from one read of the socket into
 * {@link Lines}, passed on when the read is complete. Anything else (a
 * {@link LineTooLong}) is passed on in its place in the stream, after the lines before
 * it.
 */
final class LineBatcher extends ChannelInboundHandlerAdapter {

	private List<String> pending = new ArrayList<>();

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		if (msg instanceof String line) {
			this.pending.add(line);
		}
		else {
			passOn(ctx);
			ctx.fireChannelRead(msg);
		}
	}

	@Override
	public void channelReadComplete(ChannelHandlerContext ctx) {
		passOn(ctx);
		ctx.fireChannelReadComplete();
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) {
		// Lines complete before the client closed are still served.
		passOn(ctx);
		ctx.fireChannelInactive();
	}

	private void passOn(ChannelHandlerContext ctx) {
		if (!this.pending.isEmpty()) {
			List<String> lines = this.pending;
			this.pending = new ArrayList<>();
			ctx.fireChannelRead(new Lines(lines));
		}
	}

}
