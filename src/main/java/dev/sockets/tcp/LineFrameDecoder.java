package dev.sockets.tcp;

import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.ByteProcessor;

/**
 * Bytes to lines: cuts the stream at each line end and passes on the line without its
 * terminator.
 * <p>
 * A line longer than the limit is not buffered to its end: as soon as the limit is
 * passed, the decoder passes on {@link LineTooLong} and discards everything after it, so
 * a client cannot make the server hold more than the limit per connection. A decoder that
 * goes on after a line too long discards only up to that line's end, and decodes the
 * lines after it.
 */
final class LineFrameDecoder extends ByteToMessageDecoder {

	private final int maxLength;

	private final boolean crlfOnly;

	/** Bytes after the reader index already searched for a line end. */
	private int searched;

	private final boolean goOn;

	private boolean failed;

	/** Whether the rest of a line too long is being discarded, to go on after it. */
	private boolean skipping;

	/**
	 * @param maxLength longest line, in bytes, without its terminator
	 * @param crlfOnly whether only CRLF ends a line; otherwise LF does, with an optional
	 * CR before it
	 */
	LineFrameDecoder(int maxLength, boolean crlfOnly) {
		this(maxLength, crlfOnly, false);
	}

	/**
	 * @param goOn whether decoding goes on after a line too long, rather than stopping
	 */
	LineFrameDecoder(int maxLength, boolean crlfOnly, boolean goOn) {
		this.maxLength = maxLength;
		this.crlfOnly = crlfOnly;
		this.goOn = goOn;
	}

	@Override
	protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
		while (!this.failed && in.isReadable()) {
			if (this.skipping && !skipToLineEnd(in)) {
				return;
			}
			int start = in.readerIndex();
			int lf = in.forEachByte(start + this.searched, in.readableBytes() - this.searched, ByteProcessor.FIND_LF);
			if (lf < 0) {
				this.searched = in.readableBytes();
				if (this.searched > this.maxLength + 1) {
					fail(out);
					continue;
				}
				return;
			}
			boolean cr = lf > start && in.getByte(lf - 1) == '\r';
			if (this.crlfOnly && !cr) {
				this.searched = lf - start + 1;
				continue;
			}
			int length = (cr ? lf - 1 : lf) - start;
			if (length > this.maxLength) {
				fail(out);
				continue;
			}
			this.searched = 0;
			out.add(in.readRetainedSlice(length));
			in.readerIndex(lf + 1);
		}
		if (this.failed) {
			in.skipBytes(in.readableBytes());
		}
	}

	private void fail(List<Object> out) {
		out.add(new LineTooLong(this.maxLength));
		this.searched = 0;
		if (this.goOn) {
			this.skipping = true;
		}
		else {
			this.failed = true;
		}
	}

	/**
	 * Discards the rest of a line too long.
	 * @return whether its end was found, and decoding goes on after it
	 */
	private boolean skipToLineEnd(ByteBuf in) {
		int lf = in.forEachByte(ByteProcessor.FIND_LF);
		if (lf < 0) {
			in.skipBytes(in.readableBytes());
			return false;
		}
		in.readerIndex(lf + 1);
		this.skipping = false;
		return true;
	}

}
