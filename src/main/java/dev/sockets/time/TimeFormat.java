package dev.sockets.time;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * How the time service renders an instant on the wire.
 */
public enum TimeFormat {

	/**
	 * {@code 2026-11-21T09:12:18.123Z}: UTC with millisecond precision, one
	 * CRLF-terminated line.
	 */
	ISO_8601 {
		private static final DateTimeFormatter FORMAT = DateTimeFormatter
			.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
			.withZone(ZoneOffset.UTC);

		@Override
		byte[] render(Instant instant) {
			return line(FORMAT.format(instant));
		}
	},

	/**
	 * {@code 21 NOV 2026 09:12:18 UTC}: the daytime line xinetd writes for RFC 867,
	 * CRLF-terminated.
	 */
	RFC_867 {
		private static final DateTimeFormatter FORMAT = DateTimeFormatter
			.ofPattern("dd MMM uuuu HH:mm:ss 'UTC'", Locale.ROOT)
			.withZone(ZoneOffset.UTC);

		@Override
		byte[] render(Instant instant) {
			return line(FORMAT.format(instant).toUpperCase(Locale.ROOT));
		}
	},

	/**
	 * RFC 868: seconds since 1900-01-01T00:00Z as a 32-bit big-endian unsigned number, no
	 * line end.
	 */
	RFC_868 {
		@Override
		byte[] render(Instant instant) {
			// The counter is 32 bits wide and wraps in 2036, as RFC 868 clients expect.
			int seconds = (int) (instant.getEpochSecond() + SECONDS_FROM_1900_TO_1970);
			return ByteBuffer.allocate(Integer.BYTES).putInt(seconds).array();
		}
	};

	/** Seconds between the RFC 868 epoch (1900) and the Unix epoch (1970). */
	static final long SECONDS_FROM_1900_TO_1970 = 2_208_988_800L;

	abstract byte[] render(Instant instant);

	/**
	 * @return whether the format is a line of text, rather than binary
	 */
	public boolean isText() {
		return this != RFC_868;
	}

	private static byte[] line(String text) {
		return (text + "\r\n").getBytes(StandardCharsets.US_ASCII);
	}

}
