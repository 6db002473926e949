package dev.sockets.time;

import java.time.Clock;

/**
 * Tells the time. Every client, whatever it sends, gets the same answer: the current time in the
 * configured format, as the bytes to put on the wire.
 */
public final class TimeService {

	private final Clock clock;

	private final TimeFormat format;

	public TimeService(Clock clock, TimeFormat format) {
		this.clock = clock;
		this.format = format;
	}

	/**
	 * @return the current time, rendered; text formats end in CRLF
	 */
	public byte[] now() {
		return this.format.render(this.clock.instant());
	}

}
