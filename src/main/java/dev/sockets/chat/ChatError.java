package dev.sockets.chat;

/**
 * What went wrong with something a user asked for.
 */
public enum ChatError {

	/** The line is not a command the chat knows, or not as written. */
	INVALID,

	/** No user has the nickname. */
	NO_SUCH_NICKNAME,

	/** The nickname is someone else's. */
	NICKNAME_TAKEN,

	/** The nickname breaks the rules for nicknames. */
	BAD_NICKNAME,

	/** The room name breaks the rules for room names. */
	BAD_ROOM,

	/** Nobody is in the room. */
	NO_SUCH_ROOM,

	/** The user is in the room already. */
	ALREADY_IN_ROOM,

	/** The user is not in the room. */
	NOT_IN_ROOM,

	/** The user cannot send to the room, not being in it. */
	CANNOT_SEND,

	/** Flood control dropped a line. */
	SLOW_DOWN,

	/** Flood control dropped too many lines in a row: the user is disconnected. */
	FLOODING,

	/** The user is in no room to say a line to. */
	NO_ROOM,

	/**
	 * The user who is to be moderated ({@code subject}) is not in the room
	 * ({@code detail}).
	 */
	THEY_NOT_IN_ROOM,

	/** The user is not an operator of the room, nor of the service. */
	NOT_OPERATOR,

	/** Only a service operator may do it. */
	NOT_SERVICE_OPERATOR,

	/** The user is banned from the room; the detail is the ban's reason. */
	BANNED,

	/** The user is muted in the room; the detail says for how long still. */
	MUTED,

	/** A ban's mask is neither a nickname nor an address or range. */
	BAD_MASK,

	/** {@code /oper} with a name or password that is not a service operator's. */
	OPER_FAILED,

	/** The room ({@code subject}) has as many bans as it may ({@code detail}). */
	TOO_MANY_BANS,

	/**
	 * The user created a room ({@code subject}) but operates as many as it may
	 * ({@code detail}), so does not operate this one.
	 */
	TOO_MANY_ROOMS,

	/**
	 * Too many {@code /oper} attempts from the address; the detail is how many a minute.
	 */
	OPER_THROTTLED

}
