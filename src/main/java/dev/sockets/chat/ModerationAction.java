package dev.sockets.chat;

/**
 * What a moderator asked for, as counted in {@code sockets_chat_moderation_total}.
 */
public enum ModerationAction {

	OP, DEOP, KICK, BAN, UNBAN, MUTE, UNMUTE, OPER, KILL;

	/**
	 * How it ended.
	 */
	public enum Outcome {

		/** Done. */
		DONE,

		/** Refused: the user may not do it. */
		REFUSED,

		/** Not done: no such user, a mask that is none, nothing to undo. */
		INVALID,

		/** Refused: too many attempts ({@code /oper}). */
		THROTTLED,

		/**
		 * A ban or a mute that held: a banned user's join or line, a muted user's line,
		 * refused.
		 */
		ENFORCED,

		/**
		 * Refused: a room has as many bans as it may, or a user operates as many rooms as
		 * it may.
		 */
		LIMITED

	}

}
