package dev.sockets.chat;

import dev.sockets.chat.Restriction.Kind;

/**
 * Who operates each room: the user who created it, and those an operator made one. It
 * belongs to the nickname, which is unique while held, and follows it through a rename.
 */
final class RoomOperators extends RestrictionTable {

	boolean isOperator(String room, String nickname, long now) {
		return find(operator(room, nickname, "", 0).key(), now).isPresent();
	}

	static Restriction operator(String room, String nickname, String by, long until) {
		return new Restriction(Kind.OPERATOR, room, nickname, by, "", until);
	}

}
