package dev.sockets.chat;

import java.util.List;
import java.util.Locale;

/**
 * What a line from a chat user asks for, whatever the dialect it was written in: the
 * chat's side of the contract with every {@link Dialect}. Parsing never fails: a line
 * that is not a valid command becomes {@link Invalid} with the error to show the user, or
 * {@link Reply} when the dialect answers it itself.
 */
public sealed interface ChatCommand {

	/**
	 * Reads a line of the line dialect, the one {@code telnet} users type.
	 * @param line a line without its terminator
	 * @return what the line asks for; a line starting with {@code //} is a message
	 * starting with {@code /}
	 */
	static ChatCommand parse(String line) {
		if (!line.startsWith("/")) {
			return new Say(line);
		}
		if (line.startsWith("//")) {
			return new Say(line.substring(1));
		}
		int space = firstWhitespace(line);
		String name = line.substring(1, space).toLowerCase(Locale.ROOT);
		String args = line.substring(space).strip();
		return switch (name) {
			case "nick" -> oneWord(args) ? new Nick(args) : new Invalid("usage: /nick NAME");
			case "join" -> oneWord(args) ? new Join(List.of(args)) : new Invalid("usage: /join ROOM");
			case "rooms" -> new Rooms();
			case "who" -> new Who(null);
			case "msg" -> privateMessage(args);
			case "me" -> args.isEmpty() ? new Invalid("usage: /me TEXT") : new Act(null, args);
			case "topic" -> new Topic(null, args.isEmpty() ? null : args);
			case "away" -> new Away(args);
			case "quit" -> new Quit(args);
			case "help" -> new Help();
			case "op", "deop", "kick", "ban", "unban", "bans", "ops", "mute", "unmute", "oper", "kill" ->
				ModerationCommands.parse(name, args);
			default -> new Invalid("unknown command /" + name + "; type /help for the list");
		};
	}

	private static ChatCommand privateMessage(String args) {
		int space = firstWhitespace(args);
		String text = args.substring(space).strip();
		if (space == 0 || text.isEmpty()) {
			return new Invalid("usage: /msg NICK text");
		}
		return new Message(args.substring(0, space), text, false);
	}

	static boolean oneWord(String args) {
		return !args.isEmpty() && firstWhitespace(args) == args.length();
	}

	static int firstWhitespace(String text) {
		for (int i = 0; i < text.length(); i++) {
			if (Character.isWhitespace(text.charAt(i))) {
				return i;
			}
		}
		return text.length();
	}

	/**
	 * A line for the user's one room.
	 *
	 * @param text what is said
	 */
	record Say(String text) implements ChatCommand {
	}

	/**
	 * A message for a room ({@code #name}) or for one user.
	 *
	 * @param target a room with its {@code #}, or a nickname
	 * @param text the message
	 * @param notice whether it is a notice, which by convention is never answered
	 */
	record Message(String target, String text, boolean notice) implements ChatCommand {
	}

	/**
	 * An action ({@code /me waves}) for a room or for one user.
	 *
	 * @param target a room with its {@code #}, or a nickname; null for the user's one
	 * room
	 * @param text the action, after the nickname
	 */
	record Act(String target, String text) implements ChatCommand {
	}

	/**
	 * A room's topic: what it is, or what it is to be.
	 *
	 * @param room the room, with its {@code #}; null for the user's one room
	 * @param text the new topic, empty to clear it; null to be told what it is
	 */
	record Topic(String room, String text) implements ChatCommand {
	}

	/**
	 * A new nickname, or, for a user still registering, the first one.
	 *
	 * @param nickname the nickname as written
	 */
	record Nick(String nickname) implements ChatCommand {
	}

	/**
	 * Rooms to be in: a user of one room at a time leaves the room for the (one) room
	 * named, a user of several rooms joins each.
	 *
	 * @param rooms room names, with or without their {@code #}
	 */
	record Join(List<String> rooms) implements ChatCommand {
	}

	/**
	 * Rooms to leave, staying in the chat.
	 *
	 * @param rooms room names
	 * @param reason why, for the rooms to hear; empty for no reason
	 */
	record Part(List<String> rooms, String reason) implements ChatCommand {
	}

	/**
	 * The list of rooms.
	 */
	record Rooms() implements ChatCommand {
	}

	/**
	 * Who is in a room, or who a user is.
	 *
	 * @param target a room or a nickname; null for the user's own room
	 */
	record Who(String target) implements ChatCommand {
	}

	/**
	 * Who is in some rooms, each listed apart.
	 *
	 * @param rooms the rooms
	 */
	record Names(List<String> rooms) implements ChatCommand {
	}

	/**
	 * What is known of a user.
	 *
	 * @param nickname the user
	 */
	record Whois(String nickname) implements ChatCommand {
	}

	/**
	 * Which of some nicknames are in the chat.
	 *
	 * @param nicknames the nicknames asked about
	 * @param withHosts whether the answer gives each one's address ({@code USERHOST}) or
	 * only the names ({@code ISON})
	 */
	record Online(List<String> nicknames, boolean withHosts) implements ChatCommand {
	}

	/**
	 * The user is away, or back.
	 *
	 * @param message why, for those who write to the user; empty for back
	 */
	record Away(String message) implements ChatCommand {
	}

	/**
	 * The end of registration: the user has said who it is, and joins the chat once its
	 * nickname is decided.
	 *
	 * @param realName the name the user gave, shown to those who ask who the user is
	 */
	record Register(String realName) implements ChatCommand {
	}

	/**
	 * Leaving the chat.
	 *
	 * @param reason why; empty for no reason
	 */
	record Quit(String reason) implements ChatCommand {
	}

	/**
	 * The list of commands.
	 */
	record Help() implements ChatCommand {
	}

	/**
	 * A line the chat cannot take, and why.
	 *
	 * @param error what to tell the user
	 */
	record Invalid(String error) implements ChatCommand {
	}

	/**
	 * A line the dialect answered itself, being a matter of its protocol the chat has no
	 * part in (a capability negotiation, a ping, a malformed message): the chat only
	 * sends the answer in its turn.
	 *
	 * @param lines the answer, already in the dialect
	 */
	record Reply(List<String> lines) implements ChatCommand {

		public Reply {
			lines = List.copyOf(lines);
		}

	}

	/**
	 * What a room's operators, and the service's, ask for. A room of null is the user's
	 * own (first) room.
	 */
	sealed interface Moderate extends ChatCommand {

		/**
		 * Makes a user an operator of a room, or takes it back.
		 *
		 * @param room the room, or null
		 * @param nickname the user
		 * @param grant whether to make it one
		 */
		record Op(String room, String nickname, boolean grant) implements Moderate {
		}

		/**
		 * Removes a user from a room, with the reason shown to the room.
		 *
		 * @param room the room, or null
		 * @param nickname the user
		 * @param reason why; empty for no reason
		 */
		record Kick(String room, String nickname, String reason) implements Moderate {
		}

		/**
		 * Bans a mask from a room, or lifts the ban.
		 *
		 * @param room the room, or null
		 * @param mask a nickname, an address or a CIDR range
		 * @param reason why; empty for no reason
		 * @param add whether to ban (or lift)
		 */
		record Ban(String room, String mask, String reason, boolean add) implements Moderate {
		}

		/**
		 * The bans of a room.
		 *
		 * @param room the room, or null
		 */
		record BanList(String room) implements Moderate {
		}

		/**
		 * The operators of a room.
		 *
		 * @param room the room, or null
		 */
		record OperatorList(String room) implements Moderate {
		}

		/**
		 * Keeps a user's lines from a room for a time, or lets them through again.
		 *
		 * @param room the room, or null
		 * @param nickname the user
		 * @param duration for how long; null for the configured default
		 * @param add whether to mute (or unmute)
		 */
		record Mute(String room, String nickname, java.time.Duration duration, boolean add) implements Moderate {
		}

		/**
		 * Becomes a service operator.
		 *
		 * @param name the operator's name, as configured
		 * @param password its password; empty for none (a client certificate instead)
		 */
		record Oper(String name, String password) implements Moderate {

			@Override
			public String toString() {
				return "Oper[name=" + this.name + "]";
			}

		}

		/**
		 * Disconnects a user, wherever it is connected.
		 *
		 * @param nickname the user
		 * @param reason why; empty for no reason
		 */
		record Kill(String nickname, String reason) implements Moderate {
		}

	}

}
