package dev.sockets.chat;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the history's bound costs in heap: every room of the bound filled with lines of a
 * given length, measured as the heap used before and after (with the garbage collected
 * each time), as the README reports it.
 */
class RoomHistoryMemoryTest {

	private static final int ROOMS = 500;

	private static final int LINES = 20;

	private static final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

	@Test
	void aFullHistoryOfShortLinesTakesAFewMegabytes() {
		long perLine = bytesPerLine("x".repeat(80));
		// The text (80 bytes), its String and array headers, the line record, its
		// Instant, and the ring's slot: about 200 bytes.
		assertThat(perLine).isBetween(120L, 400L);
	}

	@Test
	void aFullHistoryOfTheLongestLinesStaysWithinTheDocumentedBound() {
		// 1024 characters outside Latin-1 take two bytes each: the worst case.
		long perLine = bytesPerLine("ж".repeat(1024));
		assertThat(perLine).isBetween(2048L, 2048L + 400L);
	}

	/**
	 * @return the heap a filled history takes per line
	 */
	private static long bytesPerLine(String text) {
		Instant now = Instant.parse("2026-12-01T10:00:00Z");
		long before = usedAfterGc();
		RoomHistory history = new RoomHistory(LINES, Duration.ofHours(1), ROOMS,
				Clock.fixed(now, java.time.ZoneOffset.UTC));
		for (int room = 0; room < ROOMS; room++) {
			for (int line = 0; line < LINES; line++) {
				// A string of its own per line, as each line said is.
				history.keep("#room" + room, new HistoryLine(now, "nick" + (line % 7), new String(text.toCharArray()),
						HistoryLine.Kind.MESSAGE));
			}
		}
		long after = usedAfterGc();
		assertThat(history.linesHeld()).isEqualTo(ROOMS * LINES);
		long perLine = (after - before) / (ROOMS * LINES);
		System.out.printf("history of %d rooms x %d lines of %d characters: %,d bytes of heap, %d per line%n", ROOMS,
				LINES, text.length(), after - before, perLine);
		return perLine;
	}

	private static long usedAfterGc() {
		for (int i = 0; i < 3; i++) {
			System.gc();
		}
		return memory.getHeapMemoryUsage().getUsed();
	}

}
