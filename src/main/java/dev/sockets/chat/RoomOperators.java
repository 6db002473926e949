package dev.sockets.chat;

import java.util.List;

import dev.sockets.chat.Restriction.Kind;

/**
 * Who operates each room: the user who created it, and those an operator made one. It
 * belongs to the nickname, which is unique while held, and follows it through a rename.
 */
final class RoomOperators {

	private final RestrictionTable operators = new RestrictionTable();

	boolean isOperator(String room, String nickname, long now) {
		return this.operators.find(key(room, nickname), now).isPresent();
	}

	List<Restriction> of(String room, long now) {
		return this.operators.in(room, now);
	}

	/**
	 * @return the rooms a nickname operates, as restrictions
	 */
	List<Restriction> held(String nickname, long now) {
		return this.operators.of(Names.key(nickname), now);
	}

	void put(Restriction operator) {
		this.operators.put(operator);
	}

	void remove(Restriction operator) {
		this.operators.remove(operator.key());
	}

	void clear() {
		this.operators.clear();
	}

	static Restriction operator(String room, String nickname, String by, long until) {
		return new Restriction(Kind.OPERATOR, room, nickname, by, "", until);
	}

	private static String key(String room, String nickname) {
		return operator(room, nickname, "", 0).key();
	}

}
