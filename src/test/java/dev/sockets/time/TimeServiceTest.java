package dev.sockets.time;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TimeServiceTest {

	private static final Instant INSTANT = Instant.parse("2026-11-21T09:12:18.123Z");

	private static byte[] now(TimeFormat format) {
		return new TimeService(Clock.fixed(INSTANT, ZoneOffset.UTC)).now(format);
	}

	@Test
	void iso8601IsUtcWithMillisecondsOnOneCrlfLine() {
		assertThat(new String(now(TimeFormat.ISO_8601), StandardCharsets.US_ASCII))
			.isEqualTo("2026-11-21T09:12:18.123Z\r\n");
	}

	@Test
	void iso8601KeepsTrailingZeroMilliseconds() {
		byte[] now = new TimeService(Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC))
			.now(TimeFormat.ISO_8601);
		assertThat(new String(now, StandardCharsets.US_ASCII)).isEqualTo("2026-01-02T03:04:05.000Z\r\n");
	}

	@Test
	void rfc867IsTheXinetdDaytimeLine() {
		assertThat(new String(now(TimeFormat.RFC_867), StandardCharsets.US_ASCII))
			.isEqualTo("21 NOV 2026 09:12:18 UTC\r\n");
	}

	@Test
	void rfc868IsFourBigEndianBytesOfSecondsSince1900() {
		byte[] now = now(TimeFormat.RFC_868);
		assertThat(now).hasSize(4);
		long seconds = Integer.toUnsignedLong(ByteBuffer.wrap(now).getInt());
		assertThat(seconds).isEqualTo(INSTANT.getEpochSecond() + 2_208_988_800L);
	}

	@Test
	void rfc868CountsTheUnixEpochAs2208988800() {
		byte[] epoch = new TimeService(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC)).now(TimeFormat.RFC_868);
		assertThat(epoch).containsExactly(0x83, 0xAA, 0x7E, 0x80);
	}

	@Test
	void onlyRfc868IsBinary() {
		assertThat(TimeFormat.ISO_8601.isText()).isTrue();
		assertThat(TimeFormat.RFC_867.isText()).isTrue();
		assertThat(TimeFormat.RFC_868.isText()).isFalse();
	}

}
