package dev.sockets.tcp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PayloadEncoderTest {

	private static byte[] encode(Object payload) {
		EmbeddedChannel channel = new EmbeddedChannel(new PayloadEncoder());
		channel.writeOutbound(payload);
		ByteBuf out = channel.readOutbound();
		byte[] bytes = ByteBufUtil.getBytes(out);
		out.release();
		channel.finishAndReleaseAll();
		return bytes;
	}

	@Test
	void textIsAUtf8LineEndingInCrlf() {
		assertThat(encode("naïve")).containsExactly('n', 'a', 0xC3, 0xAF, 'v', 'e', '\r', '\n');
	}

	@Test
	void linesAreWrittenTogetherEachWithCrlf() {
		assertThat(encode(Lines.of("a", "", "é"))).containsExactly('a', '\r', '\n', '\r', '\n', 0xC3, 0xA9, '\r', '\n');
	}

	@Test
	void bytesAreWrittenExactly() {
		assertThat(encode(new byte[] { 0, '\n', (byte) 0xFF })).containsExactly(0, '\n', 0xFF);
	}

}
