package dev.sockets.chat;

import java.util.List;

import dev.sockets.config.ChatDialect;

/**
 * How one chat session speaks: reads its lines into {@link ChatCommand}s and writes what
 * the chat tells it ({@link ChatOutput}) as lines. One per session, since a dialect may
 * keep what it needs to write (the session's nickname, its registration); the chat calls
 * it with its lock held, in the order it decides things, so it needs no locking of its
 * own.
 */
public interface Dialect {

	/**
	 * @return which dialect this is, for meters and logs
	 */
	ChatDialect name();

	/**
	 * @return whether the user is in at most one room at a time, which a join leaves for
	 * another; otherwise a join adds a room
	 */
	boolean oneRoom();

	/**
	 * @return whether the user registers before joining the chat (and so has no nickname,
	 * nor a room, until it has); otherwise the user is a guest in the default room from
	 * the connect
	 */
	boolean registers();

	/**
	 * @return what stands for every session this dialect writes an output for as it does
	 * for this one: sessions whose dialects give the same object are written the same
	 * lines, which a room's fan-out then writes once for them all; null where this
	 * session's lines are its own
	 */
	default Object writesAlike(ChatOutput output) {
		return null;
	}

	/**
	 * @param line a line without its terminator
	 * @return what it asks for
	 */
	ChatCommand read(String line);

	/**
	 * @return whether flood control counts a command as a line (its bytes are counted
	 * whatever it is): a dialect may let pass what only asks, and what its protocol needs
	 * said, so that its clients' own bursts (a registration, a join's queries) are not
	 * cut
	 */
	boolean counted(ChatCommand command);

	/**
	 * @param maxBytes the longest line accepted
	 * @return what to answer a line that was too long, and not read
	 */
	ChatCommand tooLong(int maxBytes);

	/**
	 * @return the lines that tell the user what happened; none if this dialect does not
	 * show it
	 */
	List<String> write(ChatOutput output);

}
