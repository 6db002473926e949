package dev.sockets.time;

import java.time.Clock;

/**
 * Tells the time. Every client, whatever it sends, gets the same answer: the current time
 * in its listener's format, as the bytes to put on the wire.
 */
public final class TimeService {

	private final Clock clock;

	public TimeService(Clock clock) {
		this.clock = clock;
	}

	/**
	 * @return the current time, rendered; text formats end in CRLF
	 */
	public byte[] now(TimeFormat format) {
		return format.render(this.clock.instant());
	}

}
