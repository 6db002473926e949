package dev.sockets.time;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TimeFormatTest {

	private static final Instant INSTANT = Instant.parse("2026-11-21T09:12:18.123Z");

	@Test
	void clientsWithinOneSecondShareTheDaytimeLineAndTheNextSecondReadsOn() {
		byte[] first = TimeFormat.RFC_867.render(INSTANT);
		assertThat(TimeFormat.RFC_867.render(INSTANT.plusMillis(876))).isSameAs(first);
		assertThat(text(TimeFormat.RFC_867.render(INSTANT.plusMillis(877)))).isEqualTo("21 NOV 2026 09:12:19 UTC\r\n");
	}

	@Test
	void iso8601IsSharedWithinOneMillisecondOnly() {
		byte[] first = TimeFormat.ISO_8601.render(INSTANT);
		assertThat(TimeFormat.ISO_8601.render(INSTANT.plusNanos(999_999))).isSameAs(first);
		assertThat(text(TimeFormat.ISO_8601.render(INSTANT.plusMillis(1)))).isEqualTo("2026-11-21T09:12:18.124Z\r\n");
	}

	@Test
	void aClockSetBackIsShownAsItReads() {
		TimeFormat.RFC_867.render(INSTANT);
		assertThat(text(TimeFormat.RFC_867.render(INSTANT.minusSeconds(3600))))
			.isEqualTo("21 NOV 2026 08:12:18 UTC\r\n");
		assertThat(text(TimeFormat.RFC_867.render(INSTANT))).isEqualTo("21 NOV 2026 09:12:18 UTC\r\n");
	}

	private static String text(byte[] bytes) {
		return new String(bytes, StandardCharsets.US_ASCII);
	}

}
