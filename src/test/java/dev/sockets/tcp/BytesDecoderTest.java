package dev.sockets.tcp;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BytesDecoderTest {

	@Test
	void eachChunkBecomesItsBytesUnchanged() {
		EmbeddedChannel channel = new EmbeddedChannel(new BytesDecoder());
		channel.writeInbound(Unpooled.wrappedBuffer(new byte[] { 0, '\r', '\n', (byte) 0x80 }));
		byte[] chunk = channel.readInbound();
		assertThat(chunk).containsExactly(0, '\r', '\n', 0x80);
		assertThat(channel.finishAndReleaseAll()).isFalse();
	}

}
