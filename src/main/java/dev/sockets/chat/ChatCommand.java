package dev.sockets.chat;

import java.util.Locale;

/**
 * A line typed by a chat user, understood. Parsing never fails: a line that is not a
 * valid command becomes {@link Invalid} with the error to show the user.
 */
sealed interface ChatCommand {

	/**
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
			case "join" -> oneWord(args) ? new Join(args) : new Invalid("usage: /join ROOM");
			case "rooms" -> new Rooms();
			case "who" -> new Who();
			case "msg" -> privateMessage(args);
			case "quit" -> new Quit(args);
			case "help" -> new Help();
			default -> new Invalid("unknown command /" + name + "; type /help for the list");
		};
	}

	private static ChatCommand privateMessage(String args) {
		int space = firstWhitespace(args);
		String text = args.substring(space).strip();
		if (space == 0 || text.isEmpty()) {
			return new Invalid("usage: /msg NICK text");
		}
		return new PrivateMessage(args.substring(0, space), text);
	}

	private static boolean oneWord(String args) {
		return !args.isEmpty() && firstWhitespace(args) == args.length();
	}

	private static int firstWhitespace(String text) {
		for (int i = 0; i < text.length(); i++) {
			if (Character.isWhitespace(text.charAt(i))) {
				return i;
			}
		}
		return text.length();
	}

	record Say(String text) implements ChatCommand {
	}

	record Nick(String nickname) implements ChatCommand {
	}

	record Join(String room) implements ChatCommand {
	}

	record Rooms() implements ChatCommand {
	}

	record Who() implements ChatCommand {
	}

	record PrivateMessage(String nickname, String text) implements ChatCommand {
	}

	record Quit(String reason) implements ChatCommand {
	}

	record Help() implements ChatCommand {
	}

	record Invalid(String error) implements ChatCommand {
	}

}
