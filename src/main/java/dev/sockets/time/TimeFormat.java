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
		long shown(Instant instant) {
			return instant.toEpochMilli();
		}

		@Override
		byte[] format(Instant instant) {
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
		byte[] format(Instant instant) {
			return line(FORMAT.format(instant).toUpperCase(Locale.ROOT));
		}
	},

	/**
	 * RFC 868: seconds since 1900-01-01T00:00Z as a 32-bit big-endian unsigned number, no
	 * line end.
	 */
	RFC_868 {
		@Override
		byte[] format(Instant instant) {
			// The counter is 32 bits wide and wraps in 2036, as RFC 868 clients expect.
			int seconds = (int) (instant.getEpochSecond() + SECONDS_FROM_1900_TO_1970);
			return ByteBuffer.allocate(Integer.BYTES).putInt(seconds).array();
		}
	};

	/** Seconds between the RFC 868 epoch (1900) and the Unix epoch (1970). */
	static final long SECONDS_FROM_1900_TO_1970 = 2_208_988_800L;

	/**
	 * The time last rendered: a busy listener serves many clients within one second (one
	 * millisecond for ISO 8601), who all get the same bytes.
	 */
	private volatile Rendered last = new Rendered(Long.MIN_VALUE, new byte[0]);

	/**
	 * @return the bytes for an instant; the same array for instants that read the same,
	 * which no one may change
	 */
	byte[] render(Instant instant) {
		long shown = shown(instant);
		Rendered last = this.last;
		if (last.shown() == shown) {
			return last.bytes();
		}
		byte[] bytes = format(instant);
		this.last = new Rendered(shown, bytes);
		return bytes;
	}

	/**
	 * @return what of an instant the format shows: its second, unless it shows more
	 */
	long shown(Instant instant) {
		return instant.getEpochSecond();
	}

	abstract byte[] format(Instant instant);

	/**
	 * @return whether the format is a line of text, rather than binary
	 */
	public boolean isText() {
		return this != RFC_868;
	}

	private static byte[] line(String text) {
		return (text + "\r\n").getBytes(StandardCharsets.US_ASCII);
	}

	/**
	 * An instant as shown, and its bytes.
	 */
	private record Rendered(long shown, byte[] bytes) {
	}

}
