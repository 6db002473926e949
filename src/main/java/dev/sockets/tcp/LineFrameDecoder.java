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
 * a client cannot make the server hold more than the limit per connection.
 */
final class LineFrameDecoder extends ByteToMessageDecoder {

	private final int maxLength;

	private final boolean crlfOnly;

	/** Bytes after the reader index already searched for a line end. */
	private int searched;

	private boolean failed;

	/**
	 * @param maxLength longest line, in bytes, without its terminator
	 * @param crlfOnly whether only CRLF ends a line; otherwise LF does, with an optional
	 * CR before it
	 */
	LineFrameDecoder(int maxLength, boolean crlfOnly) {
		this.maxLength = maxLength;
		this.crlfOnly = crlfOnly;
	}

	@Override
	protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
		while (!this.failed && in.isReadable()) {
			int start = in.readerIndex();
			int lf = in.forEachByte(start + this.searched, in.readableBytes() - this.searched, ByteProcessor.FIND_LF);
			if (lf < 0) {
				this.searched = in.readableBytes();
				if (this.searched > this.maxLength + 1) {
					fail(out);
					break;
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
				break;
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
		this.failed = true;
		out.add(new LineTooLong(this.maxLength));
	}

}
