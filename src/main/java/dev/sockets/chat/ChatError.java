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
	FLOODING

}
