package dev.sockets.chat;

import java.util.List;
import java.util.Map;

/**
 * What the chat tells one user: what happened, decided once by the chat and written by
 * the user's {@link Dialect} in its own words. Names are canonical and texts already
 * escaped ({@link Text}).
 */
public sealed interface ChatOutput {

	/**
	 * @return whether the user's session ends once this is written
	 */
	default boolean closes() {
		return false;
	}

	/**
	 * The user is in the chat.
	 *
	 * @param nickname the user's nickname
	 * @param room the room the user is in, or null for none yet
	 * @param greeting the chat's greeting; empty for none
	 */
	record Welcome(String nickname, String room, String greeting) implements ChatOutput {
	}

	/**
	 * The user came into a room.
	 *
	 * @param room the room
	 * @param others who else is in it, this instance's users first
	 * @param joined whether the user asked to ({@code false} for the room joined on
	 * connect)
	 * @param operators who of the room, the user included, operates it
	 * @param recall the room's topic and its last lines, to be shown apart from live ones
	 */
	record Entered(String room, List<String> others, boolean joined, List<String> operators,
			Recall recall) implements ChatOutput {

		public Entered(String room, List<String> others, boolean joined) {
			this(room, others, joined, List.of(), Recall.NOTHING);
		}

		public Entered(String room, List<String> others, boolean joined, List<String> operators) {
			this(room, others, joined, operators, Recall.NOTHING);
		}

	}

	/**
	 * Another user came into a room the user is in.
	 *
	 * @param room the room
	 * @param nickname who came
	 */
	record Joined(String room, String nickname) implements ChatOutput {
	}

	/**
	 * A user (the user included, where it asked to part) left a room, staying in the
	 * chat.
	 *
	 * @param room the room left
	 * @param nickname who left
	 * @param destination the room it left for, or null
	 * @param reason why, as the user said it; empty for no reason
	 */
	record Parted(String room, String nickname, String destination, String reason) implements ChatOutput {
	}

	/**
	 * A user who shared a room with the user left the chat; told once, whatever rooms
	 * they shared.
	 *
	 * @param nickname who left
	 * @param room a room they shared
	 * @param departure how it left
	 * @param reason the user's own words for a quit, what ended its session otherwise;
	 * empty for none
	 */
	record Quit(String nickname, String room, Departure departure, String reason) implements ChatOutput {
	}

	/**
	 * A user the user shares a room with, or the user itself, changed nickname.
	 *
	 * @param from the old nickname
	 * @param to the new nickname
	 */
	record Renamed(String from, String to) implements ChatOutput {
	}

	/**
	 * A message said in a room the user is in.
	 *
	 * @param room the room
	 * @param from who said it
	 * @param text what was said
	 * @param notice whether it is a notice
	 */
	record RoomMessage(String room, String from, String text, boolean notice) implements ChatOutput {
	}

	/**
	 * An action in a room the user is in ({@code /me waves}).
	 *
	 * @param room the room
	 * @param from who acted
	 * @param text the action, after the nickname
	 */
	record RoomAction(String room, String from, String text) implements ChatOutput {
	}

	/**
	 * A room's topic, as the user asked.
	 *
	 * @param room the room
	 * @param recall the topic, in {@link Recall#topic()}: null for none
	 */
	record TopicIs(String room, Recall recall) implements ChatOutput {
	}

	/**
	 * Someone (the user included) set the topic of a room the user is in.
	 *
	 * @param room the room
	 * @param topic the topic; empty text where it was cleared
	 */
	record TopicChanged(String room, Topic topic) implements ChatOutput {
	}

	/**
	 * A message for the user alone.
	 *
	 * @param from who sent it
	 * @param to the user's nickname
	 * @param text the message
	 * @param notice whether it is a notice
	 */
	record PrivateMessage(String from, String to, String text, boolean notice) implements ChatOutput {
	}

	/**
	 * The user's message for another user was sent.
	 *
	 * @param to whom
	 * @param text the message
	 * @param notice whether it was a notice
	 */
	record PrivateMessageSent(String to, String text, boolean notice) implements ChatOutput {
	}

	/**
	 * The user wrote to one who is away.
	 *
	 * @param nickname who is away
	 * @param message why
	 */
	record IsAway(String nickname, String message) implements ChatOutput {
	}

	/**
	 * The user is now away, or back.
	 *
	 * @param away whether away
	 */
	record AwayChanged(boolean away) implements ChatOutput {
	}

	/**
	 * Every room and how many users are in each, the default room always among them.
	 *
	 * @param rooms the rooms by name, in order
	 */
	record RoomList(Map<String, Integer> rooms) implements ChatOutput {
	}

	/**
	 * Who is in a room, or who matches a nickname, as asked.
	 *
	 * @param target the room or nickname asked about
	 * @param members who is there, this instance's users first
	 * @param operators who of them operates the room asked about
	 */
	record WhoList(String target, List<Person> members, List<String> operators) implements ChatOutput {

		public WhoList(String target, List<Person> members) {
			this(target, members, List.of());
		}

	}

	/**
	 * The names in a room.
	 *
	 * @param room the room
	 * @param nicknames who is there, this instance's users first
	 * @param operators who of them operates the room
	 */
	record Names(String room, List<String> nicknames, List<String> operators) implements ChatOutput {

		public Names(String room, List<String> nicknames) {
			this(room, nicknames, List.of());
		}

	}

	/**
	 * What is known of a user.
	 *
	 * @param person the user
	 * @param rooms the rooms the user is in
	 */
	record Whois(Person person, List<String> rooms) implements ChatOutput {
	}

	/**
	 * Which of the nicknames asked about are in the chat, as they are written.
	 *
	 * @param people who is
	 * @param withHosts whether the question asked for their addresses
	 */
	record Online(List<Person> people, boolean withHosts) implements ChatOutput {
	}

	/**
	 * The list of commands.
	 */
	record Help() implements ChatOutput {
	}

	/**
	 * Something the user asked for could not be done.
	 *
	 * @param error what went wrong
	 * @param subject what it concerns: the nickname or room as written; empty for nothing
	 * @param detail the rule broken or the usage, in words; empty for none
	 */
	record Error(ChatError error, String subject, String detail) implements ChatOutput {

		@Override
		public boolean closes() {
			return this.error == ChatError.FLOODING;
		}

	}

	/**
	 * The user left with a quit of its own.
	 *
	 * @param reason the user's own words; empty for none
	 */
	record Bye(String reason) implements ChatOutput {

		@Override
		public boolean closes() {
			return true;
		}

	}

	/**
	 * The user's session is ending for a reason of the server's.
	 *
	 * @param reason why
	 */
	record Closing(Closure reason) implements ChatOutput {

		@Override
		public boolean closes() {
			return this.reason == Closure.SHUTDOWN;
		}

	}

	/**
	 * The link to the other instances of the cluster was lost, or is back.
	 *
	 * @param up whether it is back
	 */
	record ClusterLink(boolean up) implements ChatOutput {
	}

	/**
	 * The user's nickname turned out to be another instance's, and the user was renamed
	 * (told apart as {@link Renamed}).
	 *
	 * @param nickname the nickname lost
	 * @param now the user's nickname now
	 */
	record NicknameLost(String nickname, String now) implements ChatOutput {
	}

	/**
	 * The dialect's own answer to a line, already written.
	 *
	 * @param lines the lines
	 */
	record Verbatim(List<String> lines) implements ChatOutput {
	}

	/**
	 * What a user joining a room is told of its past: its topic and its last lines,
	 * fetched apart from what happens in it now.
	 *
	 * @param topic the topic; null for none
	 * @param lines the last lines said, oldest first
	 * @param available whether they could be had; if not, the user joins without them
	 */
	record Recall(Topic topic, List<HistoryLine> lines, boolean available) {

		/** Nothing to tell. */
		public static final Recall NOTHING = new Recall(null, List.of(), true);

		public Recall {
			lines = List.copyOf(lines);
		}

	}

	/**
	 * A user as the chat shows it.
	 *
	 * @param nickname the nickname
	 * @param realName the name the user gave, or the nickname where it gave none
	 * @param away why the user is away; empty where it is not
	 * @param here whether the user is on this instance
	 */
	record Person(String nickname, String realName, String away, boolean here) {
	}

	/**
	 * How a user left the chat.
	 */
	enum Departure {

		/** With a quit of its own. */
		QUIT,

		/** Its connection ended, or the server ended it. */
		OFFLINE

	}

	/**
	 * Why the server ends a user's session.
	 */
	enum Closure {

		/** The service is stopping. */
		SHUTDOWN,

		/** The user's listener is draining: the user is to reconnect. */
		DRAINING

	}

	/**
	 * A room's operator, ban or mute began or ended.
	 *
	 * @param restriction what it is
	 * @param added whether it began
	 * @param actor who decided it
	 * @param lasting for how long it holds, in words ({@code 10 minutes}); empty where it
	 * ended
	 */
	record Moderated(Restriction restriction, boolean added, String actor, String lasting) implements ChatOutput {
	}

	/**
	 * A user was kicked from a room the user is in.
	 *
	 * @param room the room
	 * @param nickname who was kicked
	 * @param by who kicked
	 * @param reason why; empty for no reason
	 */
	record Kicked(String room, String nickname, String by, String reason) implements ChatOutput {
	}

	/**
	 * The user was kicked from a room.
	 *
	 * @param room the room
	 * @param by who kicked
	 * @param reason why; empty for no reason
	 */
	record KickedOut(String room, String by, String reason) implements ChatOutput {
	}

	/**
	 * A service operator disconnected the user.
	 *
	 * @param by who
	 * @param reason why; empty for no reason
	 */
	record Killed(String by, String reason) implements ChatOutput {

		@Override
		public boolean closes() {
			return true;
		}

	}

	/**
	 * The bans of a room.
	 *
	 * @param room the room
	 * @param bans the bans in force
	 */
	record BanList(String room, List<Restriction> bans) implements ChatOutput {
	}

	/**
	 * The operators of a room.
	 *
	 * @param room the room
	 * @param nicknames who operates it
	 */
	record OperatorList(String room, List<String> nicknames) implements ChatOutput {
	}

	/**
	 * The user is a service operator now.
	 *
	 * @param name the operator's name, as configured
	 */
	record OperUp(String name) implements ChatOutput {
	}

}
