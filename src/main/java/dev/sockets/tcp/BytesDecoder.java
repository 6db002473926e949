package dev.sockets.tcp;

import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;

/**
 * Raw framing: each chunk read from the socket becomes one {@code byte[]} message, unchanged.
 */
final class BytesDecoder extends MessageToMessageDecoder<ByteBuf> {

	BytesDecoder() {
		super(ByteBuf.class);
	}

	@Override
	protected void decode(ChannelHandlerContext ctx, ByteBuf chunk, List<Object> out) {
		out.add(ByteBufUtil.getBytes(chunk));
	}

}
