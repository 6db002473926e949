package dev.sockets.tcp;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

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

	/**
	 * Whatever bytes arrive, however cut, the decoder passes on lines that are within the
	 * limit, contain no terminator, and are exactly the input cut at its line ends, until
	 * a line is too long; it never throws.
	 */
	@Test
	void anyInputCutAnyWayDecodesToItsLinesOrStopsAtATooLongOne() {
		// Bytes skewed towards the terminators so that lines, CRs without LFs and empty
		// lines all occur.
		Gen<Byte> bytes = Generate.frequency(
				org.quicktheories.api.Pair.of(6, Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 'a')),
				org.quicktheories.api.Pair.of(1, Generate.constant((byte) '\n')),
				org.quicktheories.api.Pair.of(1, Generate.constant((byte) '\r')));
		Gen<List<byte[]>> chunks = lists().of(Generate.byteArrays(integers().between(0, 40), bytes))
			.ofSizeBetween(0, 300);
		qt().withExamples(500)
			.forAll(chunks, integers().between(1, 64), booleans().all())
			.checkAssert(LineFrameDecoderTest::decodesToItsLinesOrStopsAtATooLongOne);
	}

	private static void decodesToItsLinesOrStopsAtATooLongOne(List<byte[]> chunks, int max, boolean crlfOnly) {
		EmbeddedChannel channel = new EmbeddedChannel(new LineFrameDecoder(max, crlfOnly));
		ByteArrayOutputStream all = new ByteArrayOutputStream();
		for (byte[] chunk : chunks) {
			channel.writeInbound(Unpooled.wrappedBuffer(chunk));
			all.writeBytes(chunk);
		}
		List<byte[]> lines = new ArrayList<>();
		boolean tooLong = false;
		Object message;
		while ((message = channel.readInbound()) != null) {
			assertThat(tooLong).as("nothing after a too-long line").isFalse();
			if (message instanceof LineTooLong) {
				tooLong = true;
			}
			else {
				ByteBuf line = (ByteBuf) message;
				byte[] bytes = ByteBufUtil.getBytes(line);
				line.release();
				assertThat(bytes.length).isLessThanOrEqualTo(max);
				lines.add(bytes);
			}
		}
		channel.finishAndReleaseAll();
		byte[] input = all.toByteArray();
		List<byte[]> expected = expectedLines(input, crlfOnly);
		if (tooLong) {
			int unterminated = unterminatedLength(input, crlfOnly);
			assertThat(expected.stream().anyMatch((line) -> line.length > max) || unterminated > max)
				.as("a line over the limit was there")
				.isTrue();
			assertThat(lines).usingElementComparator(Arrays::compare)
				.isEqualTo(expected.subList(0, Math.min(lines.size(), expected.size())));
		}
		else {
			assertThat(lines).usingElementComparator(Arrays::compare).isEqualTo(expected);
		}
	}

	private static int unterminatedLength(byte[] input, boolean crlfOnly) {
		for (int i = input.length - 1; i >= 0; i--) {
			if (input[i] == '\n' && (!crlfOnly || (i > 0 && input[i - 1] == '\r'))) {
				return input.length - i - 1;
			}
		}
		return input.length;
	}

	private static List<byte[]> expectedLines(byte[] input, boolean crlfOnly) {
		List<byte[]> lines = new ArrayList<>();
		int start = 0;
		for (int i = 0; i < input.length; i++) {
			if (input[i] != '\n') {
				continue;
			}
			boolean cr = i > start && input[i - 1] == '\r';
			if (crlfOnly && !cr) {
				continue;
			}
			lines.add(Arrays.copyOfRange(input, start, cr ? i - 1 : i));
			start = i + 1;
		}
		return lines;
	}

	@Test
	void aByteAtATimeStillMakesLines() {
		String input = "slow\r\nloris\n";
		String[] bytes = input.split("");
		assertThat(decode(new LineFrameDecoder(100, false), bytes)).containsExactly("slow", "loris");
	}

}
