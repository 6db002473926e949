package dev.sockets.tcp;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import dev.sockets.listener.TrafficRecorder;

import static org.assertj.core.api.Assertions.assertThat;

class TextDecoderTest {

	private final AtomicInteger malformed = new AtomicInteger();

	private final TrafficRecorder recorder = new TrafficRecorder() {

		@Override
		public void malformed() {
			TextDecoderTest.this.malformed.incrementAndGet();
		}

	};

	private Object decode(byte[] bytes) {
		EmbeddedChannel channel = new EmbeddedChannel(new TextDecoder(this.recorder));
		channel.writeInbound(Unpooled.wrappedBuffer(bytes));
		Object text = channel.readInbound();
		channel.finishAndReleaseAll();
		return text;
	}

	@Test
	void decodesUtf8() {
		assertThat(decode("naïve 😀".getBytes(StandardCharsets.UTF_8))).isEqualTo("naïve 😀");
		assertThat(this.malformed).hasValue(0);
	}

	@Test
	void invalidUtf8BecomesReplacementCharactersAndIsCounted() {
		assertThat(decode(new byte[] { 'a', (byte) 0xFF, (byte) 0xC3, 'b' })).isEqualTo("a\uFFFD\uFFFDb");
		assertThat(this.malformed).hasValue(1);
	}

	@Test
	void aReplacementCharacterSentAsValidUtf8IsNotCounted() {
		assertThat(decode("\uFFFD".getBytes(StandardCharsets.UTF_8))).isEqualTo("\uFFFD");
		assertThat(this.malformed).hasValue(0);
	}

	@Test
	void passesOtherMessagesOn() {
		EmbeddedChannel channel = new EmbeddedChannel(new TextDecoder(this.recorder));
		channel.writeInbound(new LineTooLong(3));
		assertThat((Object) channel.readInbound()).isEqualTo(new LineTooLong(3));
	}

}
