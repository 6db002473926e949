package dev.sockets.chat;

import java.time.Instant;

/**
 * A line said to a room, as kept for those who join it later: never a private message.
 *
 * @param at when it was said
 * @param nickname who said it
 * @param text what was said, already escaped
 * @param kind what kind of line it was
 */
public record HistoryLine(Instant at, String nickname, String text, Kind kind) {

	/**
	 * What kind of line it was, for a dialect to write it as it was said.
	 */
	public enum Kind {

		/** A line said to the room. */
		MESSAGE,

		/** A notice to the room (an IRC {@code NOTICE}). */
		NOTICE,

		/** An action ({@code /me waves}, an IRC {@code CTCP ACTION}). */
		ACTION

	}

}
