package dev.sockets.chat;

import java.util.List;

/**
 * Something that happened on one instance of a chat cluster that the other instances must
 * know, to show it to their own users. Names are canonical and texts already escaped by
 * the instance where it happened.
 */
public sealed interface ChatEvent {

	/**
	 * A line said to a room.
	 *
	 * @param room the room, with its {@code #}
	 * @param nickname who said it
	 * @param text what was said
	 */
	record Said(String room, String nickname, String text) implements ChatEvent {
	}

	/**
	 * A user came into a room: on connect, or from another room.
	 *
	 * @param room the room
	 * @param nickname the user
	 */
	record Joined(String room, String nickname) implements ChatEvent {
	}

	/**
	 * A user left a room: for another room, with {@code /quit}, or by going offline.
	 *
	 * @param room the room left
	 * @param nickname the user
	 * @param notice what the room is told, without the leading {@code * }
	 */
	record Left(String room, String nickname, String notice) implements ChatEvent {
	}

	/**
	 * A user changed nickname.
	 *
	 * @param room the room the user is in
	 * @param from the old nickname
	 * @param to the new nickname
	 */
	record Renamed(String room, String from, String to) implements ChatEvent {
	}

	/**
	 * A private message for a user on another instance.
	 *
	 * @param from who sent it
	 * @param to whom it is for
	 * @param text the message
	 */
	record Whispered(String from, String to, String text) implements ChatEvent {
	}

	/**
	 * Everyone on the instance and where they are, sent at every heartbeat: it keeps the
	 * instance's users present elsewhere, and repairs anything an instance missed.
	 *
	 * @param members the instance's users
	 */
	record Present(List<Member> members) implements ChatEvent {

		/**
		 * A user and the room the user is in.
		 *
		 * @param nickname the user
		 * @param room the room
		 */
		public record Member(String nickname, String room) {
		}

	}

}
