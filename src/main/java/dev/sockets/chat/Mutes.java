package dev.sockets.chat;

import java.util.List;
import java.util.Optional;

import dev.sockets.chat.Restriction.Kind;

/**
 * Who may not speak in each room, for a time: by nickname, following it through a rename,
 * so that a rename does not end a mute.
 */
final class Mutes {

	private final RestrictionTable mutes = new RestrictionTable();

	Optional<Restriction> muted(String room, String nickname, long now) {
		return this.mutes.find(mute(room, nickname, "", "", 0).key(), now);
	}

	List<Restriction> held(String nickname, long now) {
		return this.mutes.of(Names.key(nickname), now);
	}

	void put(Restriction mute) {
		this.mutes.put(mute);
	}

	void remove(Restriction mute) {
		this.mutes.remove(mute.key());
	}

	void clear() {
		this.mutes.clear();
	}

	static Restriction mute(String room, String nickname, String by, String reason, long until) {
		return new Restriction(Kind.MUTE, room, nickname, by, reason, until);
	}

}
