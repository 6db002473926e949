package dev.sockets.transport.tcp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/**
 * Replies to bytes: a {@link CharSequence} is a line, written as UTF-8 with CRLF (what telnet
 * expects); a {@code byte[]} is written exactly as it is.
 */
final class PayloadEncoder extends MessageToByteEncoder<Object> {

	private static final short CRLF = ('\r' << 8) | '\n';

	PayloadEncoder() {
		super(Object.class);
	}

	@Override
	public boolean acceptOutboundMessage(Object msg) {
		return msg instanceof CharSequence || msg instanceof byte[];
	}

	@Override
	protected ByteBuf allocateBuffer(ChannelHandlerContext ctx, Object msg, boolean preferDirect) {
		int size = (msg instanceof CharSequence text) ? ByteBufUtil.utf8MaxBytes(text) + 2 : ((byte[]) msg).length;
		return ctx.alloc().ioBuffer(size);
	}

	@Override
	protected void encode(ChannelHandlerContext ctx, Object msg, ByteBuf out) {
		if (msg instanceof CharSequence text) {
			ByteBufUtil.writeUtf8(out, text);
			out.writeShort(CRLF);
		}
		else {
			out.writeBytes((byte[]) msg);
		}
	}

}
