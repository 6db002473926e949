package dev.sockets.chat;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import dev.sockets.chat.Restriction.Kind;

/**
 * Who may not join each room, nor speak in it: by nickname, address or range, for a time.
 */
final class Bans extends RestrictionTable {

	/** Each ban's mask, read once. */
	private final Map<String, BanMask> masks = new HashMap<>();

	/**
	 * @return the ban that keeps a user out of a room, if one does
	 */
	Optional<Restriction> banned(String room, String nickname, InetAddress address, long now) {
		for (Restriction ban : in(room, now)) {
			BanMask mask = this.masks.computeIfAbsent(ban.subject(), (text) -> BanMask.parse(text).orElse(null));
			if (mask != null && mask.matches(nickname, address)) {
				return Optional.of(ban);
			}
		}
		return Optional.empty();
	}

	Optional<Restriction> find(String room, BanMask mask, long now) {
		return find(ban(room, mask, "", "", 0).key(), now);
	}

	static Restriction ban(String room, BanMask mask, String by, String reason, long until) {
		return new Restriction(Kind.BAN, room, mask.text(), by, reason, until);
	}

}
