package dev.sockets.chat;

import java.util.Optional;

import dev.sockets.chat.Restriction.Kind;

/**
 * Who may not speak in each room, for a time: by nickname, following it through a rename,
 * so that a rename does not end a mute.
 */
final class Mutes extends RestrictionTable {

	Optional<Restriction> muted(String room, String nickname, long now) {
		return find(mute(room, nickname, "", "", 0).key(), now);
	}

	static Restriction mute(String room, String nickname, String by, String reason, long until) {
		return new Restriction(Kind.MUTE, room, nickname, by, reason, until);
	}

}
