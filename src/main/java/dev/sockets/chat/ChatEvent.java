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
	 * @param notice whether it is a notice (an IRC {@code NOTICE}), which by convention
	 * is never answered
	 * @param action whether it is an action ({@code /me waves}), the text following the
	 * nickname
	 */
	record Said(String room, String nickname, String text, boolean notice, boolean action) implements ChatEvent {

		public Said(String room, String nickname, String text, boolean notice) {
			this(room, nickname, text, notice, false);
		}

		public Said(String room, String nickname, String text) {
			this(room, nickname, text, false, false);
		}

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
	 * @param room the room left, the first of them if several
	 * @param nickname the user
	 * @param notice what a line user in the room is told, without the leading {@code * }
	 * (what an instance that does not read {@code parting} shows)
	 * @param parting how the user left, and from which rooms; null where the instance it
	 * came from did not say (the room alone, and the notice, are then all there is)
	 */
	record Left(String room, String nickname, String notice, Parting parting) implements ChatEvent {

		public Left(String room, String nickname, String notice) {
			this(room, nickname, notice, null);
		}

		/**
		 * How a user left.
		 *
		 * @param how whether it left rooms or the chat
		 * @param rooms every room it left
		 * @param reason the user's own words, or what ended its session; empty for none
		 * @param destination the room it left for, or null
		 */
		public record Parting(How how, List<String> rooms, String reason, String destination) {

			public Parting {
				rooms = List.copyOf(rooms);
			}

		}

		/**
		 * Whether a user left rooms or the chat.
		 */
		public enum How {

			/** It left the rooms, staying in the chat. */
			PART,

			/** It left the chat with a quit of its own. */
			QUIT,

			/** Its session ended: the connection, the server, flood control. */
			OFFLINE

		}

	}

	/**
	 * A user changed nickname.
	 *
	 * @param room the room the user is in, the first of them if several, empty for none
	 * @param from the old nickname
	 * @param to the new nickname
	 * @param rooms every room the user is in
	 */
	record Renamed(String room, String from, String to, List<String> rooms) implements ChatEvent {

		public Renamed {
			rooms = List.copyOf(rooms);
		}

		public Renamed(String room, String from, String to) {
			this(room, from, to, room.isEmpty() ? List.of() : List.of(room));
		}

	}

	/**
	 * A user set the topic of a room (kept where every instance reads it: this tells
	 * those in the room now).
	 *
	 * @param room the room
	 * @param nickname who set it
	 * @param text the topic; empty where it was cleared
	 */
	record TopicChanged(String room, String nickname, String text) implements ChatEvent {
	}

	/**
	 * A user is away, or back.
	 *
	 * @param nickname the user
	 * @param message why; empty for back
	 */
	record Away(String nickname, String message) implements ChatEvent {
	}

	/**
	 * A private message for a user on another instance.
	 *
	 * @param from who sent it
	 * @param to whom it is for
	 * @param text the message
	 * @param notice whether it is a notice
	 */
	record Whispered(String from, String to, String text, boolean notice) implements ChatEvent {

		public Whispered(String from, String to, String text) {
			this(from, to, text, false);
		}

	}

	/**
	 * Everyone on the instance and where they are, sent at every heartbeat: it keeps the
	 * instance's users present elsewhere, and repairs anything an instance missed.
	 *
	 * @param members the instance's users
	 */
	record Present(List<Member> members) implements ChatEvent {

		/**
		 * A user and the rooms the user is in.
		 *
		 * @param nickname the user
		 * @param rooms the rooms, none for a user who has joined none (on IRC)
		 * @param away why the user is away; empty where it is not
		 */
		public record Member(String nickname, List<String> rooms, String away) {

			public Member {
				rooms = List.copyOf(rooms);
			}

			public Member(String nickname, List<String> rooms) {
				this(nickname, rooms, "");
			}

			public Member(String nickname, String room) {
				this(nickname, List.of(room));
			}

		}

	}

	/**
	 * A room's operator, ban or mute was decided, or ended, on an instance: every
	 * instance holds it from now on.
	 *
	 * @param restriction what was decided
	 * @param change whether it begins, ends, or is only renewed (which nobody is told)
	 * @param actor the nickname of who decided it; empty for the chat itself
	 */
	record Moderated(Restriction restriction, Change change, String actor) implements ChatEvent {

		/**
		 * What became of a restriction.
		 */
		public enum Change {

			/** It holds from now on. */
			ADDED,

			/** It holds no more. */
			REMOVED,

			/** It holds, with a new end or a new subject, and nobody need hear of it. */
			RENEWED,

			/** It holds no more, and nobody need hear of it (its subject renamed). */
			FORGOTTEN;

			/**
			 * @return whether the restriction holds after the change
			 */
			public boolean holds() {
				return this == ADDED || this == RENEWED;
			}

			/**
			 * @return whether the room hears of the change
			 */
			public boolean told() {
				return this == ADDED || this == REMOVED;
			}

		}

	}

	/**
	 * A moderator asks the instance of a user to remove the user from a room, or from the
	 * chat: that instance does it, and tells the others as it does.
	 *
	 * @param nickname the user
	 * @param room the room to kick the user from; empty to kill (disconnect) the user
	 * @param by the moderator's nickname
	 * @param reason why; empty for no reason
	 */
	record Removal(String nickname, String room, String by, String reason) implements ChatEvent {
	}

	/**
	 * A user was kicked from a room.
	 *
	 * @param room the room
	 * @param nickname the user
	 * @param by the moderator's nickname
	 * @param reason why; empty for no reason
	 */
	record Kicked(String room, String nickname, String by, String reason) implements ChatEvent {
	}

}
