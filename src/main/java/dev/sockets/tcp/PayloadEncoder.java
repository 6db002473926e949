package dev.sockets.tcp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/**
 * Replies to bytes: a {@link CharSequence} is a line, written as UTF-8 with CRLF (what
 * telnet expects); {@link Lines} are such lines, written together into one buffer; a
 * {@code byte[]} is written exactly as it is.
 */
final class PayloadEncoder extends MessageToByteEncoder<Object> {

	private static final short CRLF = ('\r' << 8) | '\n';

	PayloadEncoder() {
		super(Object.class);
	}

	@Override
	public boolean acceptOutboundMessage(Object msg) {
		return msg instanceof CharSequence || msg instanceof Lines || msg instanceof byte[];
	}

	@Override
	protected ByteBuf allocateBuffer(ChannelHandlerContext ctx, Object msg, boolean preferDirect) {
		return ctx.alloc().ioBuffer(size(msg));
	}

	/**
	 * The exact size, not the most UTF-8 could take (three bytes a character): a buffer
	 * three times too large falls out of the allocator's pooled sizes for the replies to
	 * a full read.
	 */
	private static int size(Object msg) {
		if (msg instanceof CharSequence text) {
			return ByteBufUtil.utf8Bytes(text) + 2;
		}
		if (msg instanceof Lines lines) {
			int size = 0;
			for (String line : lines.lines()) {
				size += ByteBufUtil.utf8Bytes(line) + 2;
			}
			return size;
		}
		return ((byte[]) msg).length;
	}

	@Override
	protected void encode(ChannelHandlerContext ctx, Object msg, ByteBuf out) {
		if (msg instanceof CharSequence text) {
			writeLine(text, out);
		}
		else if (msg instanceof Lines lines) {
			for (String line : lines.lines()) {
				writeLine(line, out);
			}
		}
		else {
			out.writeBytes((byte[]) msg);
		}
	}

	/**
	 * @return a line encoded as this encoder writes it, for a buffer written to many
	 * connections
	 */
	static ByteBuf line(ByteBufAllocator allocator, CharSequence text) {
		ByteBuf line = allocator.ioBuffer(size(text));
		writeLine(text, line);
		return line;
	}

	private static void writeLine(CharSequence text, ByteBuf out) {
		ByteBufUtil.writeUtf8(out, text);
		out.writeShort(CRLF);
	}

}
