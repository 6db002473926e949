package dev.sockets.tcp;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;

import dev.sockets.listener.TrafficRecorder;

/**
 * Lines to text: decodes each line as UTF-8. Bytes that are not valid UTF-8 become
 * U+FFFD, so a client sending garbage gets garbage back, never an error and never a
 * closed connection; such lines are counted, so that operators can see clients that do
 * not speak UTF-8.
 */
final class TextDecoder extends MessageToMessageDecoder<ByteBuf> {

	private final TrafficRecorder recorder;

	TextDecoder(TrafficRecorder recorder) {
		super(ByteBuf.class);
		this.recorder = recorder;
	}

	@Override
	protected void decode(ChannelHandlerContext ctx, ByteBuf line, List<Object> out) {
		String text = line.toString(StandardCharsets.UTF_8);
		// Only a line with a replacement character can have been malformed; most lines
		// skip the check.
		if (text.indexOf('\uFFFD') >= 0 && !ByteBufUtil.isText(line, StandardCharsets.UTF_8)) {
			this.recorder.malformed();
		}
		out.add(text);
	}

}
