package dev.sockets.transport.tcp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LineFrameDecoderTest {

	private static List<Object> decode(LineFrameDecoder decoder, String... chunks) {
		EmbeddedChannel channel = new EmbeddedChannel(decoder);
		for (String chunk : chunks) {
			channel.writeInbound(Unpooled.copiedBuffer(chunk, StandardCharsets.ISO_8859_1));
		}
		List<Object> out = new ArrayList<>();
		Object message;
		while ((message = channel.readInbound()) != null) {
			if (message instanceof ByteBuf line) {
				out.add(line.toString(StandardCharsets.ISO_8859_1));
				line.release();
			}
			else {
				out.add(message);
			}
		}
		channel.finishAndReleaseAll();
		return out;
	}

	@Test
	void lfFramingAcceptsLfAndCrlf() {
		assertThat(decode(new LineFrameDecoder(100, false), "one\ntwo\r\nthree\n")).containsExactly("one", "two",
				"three");
	}

	@Test
	void emptyLinesAreLines() {
		assertThat(decode(new LineFrameDecoder(100, false), "\n\r\nx\n")).containsExactly("", "", "x");
	}

	@Test
	void linesSplitAcrossReadsAreJoined() {
		assertThat(decode(new LineFrameDecoder(100, false), "he", "llo\r", "\nwor", "ld\n")).containsExactly("hello",
				"world");
	}

	@Test
	void anUnfinishedLineWaits() {
		assertThat(decode(new LineFrameDecoder(100, false), "partial")).isEmpty();
	}

	@Test
	void crlfFramingTreatsABareLfAsData() {
		assertThat(decode(new LineFrameDecoder(100, true), "a\nb\r\nc\r\n")).containsExactly("a\nb", "c");
	}

	@Test
	void crlfFramingFindsTheEndAcrossReads() {
		assertThat(decode(new LineFrameDecoder(100, true), "a\n", "b\r", "\n")).containsExactly("a\nb");
	}

	@Test
	void aLineOfExactlyTheMaximumPasses() {
		assertThat(decode(new LineFrameDecoder(5, false), "12345\r\n")).containsExactly("12345");
	}

	@Test
	void aTooLongLineIsReportedAfterTheLinesBeforeIt() {
		assertThat(decode(new LineFrameDecoder(5, false), "ok\n123456\nafter\n")).containsExactly("ok",
				new LineTooLong(5));
	}

	@Test
	void aTooLongLineIsReportedBeforeItEnds() {
		assertThat(decode(new LineFrameDecoder(5, false), "1234", "567")).containsExactly(new LineTooLong(5));
	}

	@Test
	void nothingIsDecodedAfterATooLongLine() {
		assertThat(decode(new LineFrameDecoder(5, false), "1234567", "ok\n", "more\n"))
			.containsExactly(new LineTooLong(5));
	}

	@Test
	void aByteAtATimeStillMakesLines() {
		String input = "slow\r\nloris\n";
		String[] bytes = input.split("");
		assertThat(decode(new LineFrameDecoder(100, false), bytes)).containsExactly("slow", "loris");
	}

}
