package dev.sockets.transport.tcp;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;

/**
 * Lines to text: decodes each line as UTF-8. Bytes that are not valid UTF-8 become U+FFFD, so a
 * client sending garbage gets garbage back, never an error and never a closed connection.
 */
final class TextDecoder extends MessageToMessageDecoder<ByteBuf> {

	TextDecoder() {
		super(ByteBuf.class);
	}

	@Override
	protected void decode(ChannelHandlerContext ctx, ByteBuf line, List<Object> out) {
		out.add(line.toString(StandardCharsets.UTF_8));
	}

}
