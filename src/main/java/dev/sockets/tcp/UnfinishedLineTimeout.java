package dev.sockets.tcp;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ByteProcessor;
import io.netty.util.concurrent.Future;

/**
 * Bounds how long a client may take to finish a line it has begun, so that one sending a
 * byte now and then (a slowloris) cannot hold a connection and its buffer for ever, while
 * a client that has said all it meant to may stay quiet as long as the idle timeout lets
 * it.
 * <p>
 * It sits before the line decoder and only looks at where each read ends: after a line
 * end nothing is pending; anything else starts the clock, which the next line end stops.
 * When the time is up it passes on {@link UnfinishedLine}.
 */
final class UnfinishedLineTimeout extends ChannelInboundHandlerAdapter {

	private final Duration timeout;

	private final boolean crlfOnly;

	/** When the unfinished line began, while there is one. */
	private long pendingSince;

	private boolean pending;

	private Future<?> check;

	/**
	 * @param timeout how long a line may stay unfinished
	 * @param crlfOnly whether only CRLF ends a line
	 */
	UnfinishedLineTimeout(Duration timeout, boolean crlfOnly) {
		this.timeout = timeout;
		this.crlfOnly = crlfOnly;
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		if (msg instanceof ByteBuf bytes && bytes.isReadable()) {
			track(ctx, bytes);
		}
		ctx.fireChannelRead(msg);
	}

	private void track(ChannelHandlerContext ctx, ByteBuf bytes) {
		int lastLf = bytes.forEachByteDesc(ByteProcessor.FIND_LF);
		boolean lineEnded = lastLf >= 0
				&& (!this.crlfOnly || lastLf == bytes.readerIndex() || bytes.getByte(lastLf - 1) == '\r');
		if (lineEnded && lastLf == bytes.writerIndex() - 1) {
			this.pending = false;
			return;
		}
		if (lineEnded || !this.pending) {
			this.pendingSince = ctx.executor().ticker().nanoTime();
			this.pending = true;
		}
		if (this.check == null) {
			schedule(ctx, this.timeout.toNanos());
		}
	}

	private void schedule(ChannelHandlerContext ctx, long delayNanos) {
		this.check = ctx.executor().schedule(() -> check(ctx), delayNanos, TimeUnit.NANOSECONDS);
	}

	private void check(ChannelHandlerContext ctx) {
		this.check = null;
		if (!this.pending || !ctx.channel().isActive()) {
			return;
		}
		long left = this.pendingSince + this.timeout.toNanos() - ctx.executor().ticker().nanoTime();
		if (left > 0) {
			schedule(ctx, left);
		}
		else {
			this.pending = false;
			ctx.fireUserEventTriggered(new UnfinishedLine(this.timeout));
		}
	}

	@Override
	public void handlerRemoved(ChannelHandlerContext ctx) {
		if (this.check != null) {
			this.check.cancel(false);
			this.check = null;
		}
	}

}
