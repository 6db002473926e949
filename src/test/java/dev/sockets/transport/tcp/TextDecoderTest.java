package dev.sockets.transport.tcp;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TextDecoderTest {

	private static Object decode(byte[] bytes) {
		EmbeddedChannel channel = new EmbeddedChannel(new TextDecoder());
		channel.writeInbound(Unpooled.wrappedBuffer(bytes));
		Object text = channel.readInbound();
		channel.finishAndReleaseAll();
		return text;
	}

	@Test
	void decodesUtf8() {
		assertThat(decode("naïve 😀".getBytes(StandardCharsets.UTF_8))).isEqualTo("naïve 😀");
	}

	@Test
	void invalidUtf8BecomesReplacementCharacters() {
		assertThat(decode(new byte[] { 'a', (byte) 0xFF, (byte) 0xC3, 'b' })).isEqualTo("a\uFFFD\uFFFDb");
	}

	@Test
	void passesOtherMessagesOn() {
		EmbeddedChannel channel = new EmbeddedChannel(new TextDecoder());
		channel.writeInbound(new LineTooLong(3));
		assertThat((Object) channel.readInbound()).isEqualTo(new LineTooLong(3));
	}

}
