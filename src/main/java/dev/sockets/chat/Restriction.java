package dev.sockets.chat;

import java.util.Locale;

/**
 * One thing moderation holds about a room: an operator, a ban or a mute, until a time.
 * What the chat keeps, tells the other instances of a cluster, and stores.
 *
 * @param kind what it is
 * @param room the room, canonical
 * @param subject whom it concerns: a nickname in lower case for an operator or a mute; a
 * ban's mask, a nickname in lower case or an address or CIDR range
 * @param by the nickname of who decided it; empty for the chat itself (a room's creator)
 * @param reason why, as the operator said it; empty for no reason
 * @param until when it ends, in epoch milliseconds
 */
public record Restriction(Kind kind, String room, String subject, String by, String reason, long until) {

	public Restriction {
		subject = subject.toLowerCase(Locale.ROOT);
		by = (by != null) ? by : "";
		reason = (reason != null) ? reason : "";
	}

	/**
	 * @return what identifies it: a later one with the same key replaces it
	 */
	public String key() {
		return this.kind.name().toLowerCase(Locale.ROOT) + ":" + this.room + ":" + this.subject;
	}

	boolean expired(long now) {
		return this.until <= now;
	}

	Restriction until(long until) {
		return new Restriction(this.kind, this.room, this.subject, this.by, this.reason, until);
	}

	/**
	 * What a restriction is.
	 */
	public enum Kind {

		/** The subject is an operator of the room. */
		OPERATOR,

		/** Users matching the mask may not join the room, nor speak in it. */
		BAN,

		/** The subject's lines to the room are not delivered. */
		MUTE

	}

}
