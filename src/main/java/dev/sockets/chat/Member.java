package dev.sockets.chat;

import java.util.ArrayDeque;
import java.util.LinkedHashSet;
import java.util.Queue;
import java.util.Set;

import dev.sockets.chat.ChatOutput.Person;
import dev.sockets.limits.TokenBucket;

/**
 * A session in the chat: who it is, where it is, what it may still say, and what waits to
 * be told to it. Not thread-safe: the chat's lock guards it.
 */
final class Member {

	final String sessionId;

	final Dialect dialect;

	/** Where it connects from, and with what certificate. */
	final Peer peer;

	/** The service operator it became with {@code /oper}; null for none. */
	String serviceOperator;

	final TokenBucket lines;

	final TokenBucket bytes;

	/** Its nickname; null until a registering member has one. */
	String nickname;

	/** The rooms it is in, in the order joined; at most one in a one-room dialect. */
	final Set<String> rooms = new LinkedHashSet<>();

	/** Whether it is in the chat: from the connect, or once it has registered. */
	boolean registered;

	/**
	 * Whether a registering member has said who it is, and waits for its nickname.
	 */
	boolean wantsIn;

	String realName = "";

	/** Why it is away; empty when it is not. */
	String away = "";

	/** Lines dropped in a row by flood control. */
	int dropped;

	/** Whether a nickname of this member's is being claimed in the cluster. */
	boolean claiming;

	/**
	 * The lines (and lines too long) that came while a nickname was being claimed.
	 */
	final Queue<Object> waiting = new ArrayDeque<>();

	/** Its output while something it is to be told first is being fetched. */
	final Holdback output = new Holdback();

	/** Where its lines decided later, for it alone, go. */
	final Deliveries later;

	Member(String sessionId, Dialect dialect, Peer peer, ChatProperties.Flood flood, long now, Deliveries later) {
		this.sessionId = sessionId;
		this.dialect = dialect;
		this.peer = peer;
		this.later = later;
		this.lines = new TokenBucket(flood.messagesPerSecond(), flood.messageBurst(), now);
		this.bytes = new TokenBucket(flood.bytesPerSecond().toBytes(), Math.max(1, flood.byteBurst().toBytes()), now);
	}

	String room() {
		return this.rooms.isEmpty() ? null : this.rooms.iterator().next();
	}

	Person person() {
		return new Person(this.nickname, this.realName.isEmpty() ? this.nickname : this.realName, this.away, true);
	}

	/**
	 * @return whether the line's bytes are within this member's flood limits (and then
	 * they are counted)
	 */
	boolean mayHave(String line, long now) {
		if (this.bytes.tryTake(utf8Length(line), now)) {
			return true;
		}
		this.dropped++;
		return false;
	}

	/**
	 * @return whether the command is within this member's flood limits, as a line where
	 * its dialect counts it (and then it is counted); dropping one must change nothing,
	 * so a dialect counts none that changes what it keeps
	 */
	boolean mayDo(ChatCommand command, long now) {
		if (this.dialect.counted(command) && !this.lines.tryTake(1, now)) {
			this.dropped++;
			return false;
		}
		this.dropped = 0;
		return true;
	}

	private static int utf8Length(String text) {
		int length = 0;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			length += (c < 0x80) ? 1 : (c < 0x800 || Character.isSurrogate(c)) ? 2 : 3;
		}
		return length;
	}

}
