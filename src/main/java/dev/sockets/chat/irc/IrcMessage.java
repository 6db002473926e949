package dev.sockets.chat.irc;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One IRC message as a client sends it (RFC 1459 §2.3.1):
 * {@code [@tags] [:prefix] COMMAND [params] [:trailing]}. Reading never fails: whatever
 * the line, it is some message, perhaps with an empty command.
 *
 * @param command the command, in upper case: a word such as {@code PRIVMSG}, or three
 * digits; empty for an empty line
 * @param params the parameters, the trailing one last (it may contain spaces, or be
 * empty)
 */
record IrcMessage(String command, List<String> params) {

	IrcMessage {
		params = List.copyOf(params);
	}

	/**
	 * @param line a line without its CRLF
	 * @return the message; tags and a prefix, which a client has no use sending, are
	 * dropped
	 */
	static IrcMessage parse(String line) {
		int at = skipSpaces(line, 0);
		if (at < line.length() && line.charAt(at) == '@') {
			at = skipSpaces(line, wordEnd(line, at));
		}
		if (at < line.length() && line.charAt(at) == ':') {
			at = skipSpaces(line, wordEnd(line, at));
		}
		int end = wordEnd(line, at);
		String command = line.substring(at, end).toUpperCase(Locale.ROOT);
		List<String> params = new ArrayList<>();
		at = skipSpaces(line, end);
		while (at < line.length()) {
			if (line.charAt(at) == ':') {
				params.add(line.substring(at + 1));
				break;
			}
			end = wordEnd(line, at);
			params.add(line.substring(at, end));
			at = skipSpaces(line, end);
		}
		return new IrcMessage(command, params);
	}

	/**
	 * @return the parameter at a position, or empty if there is none
	 */
	String param(int index) {
		return (index < this.params.size()) ? this.params.get(index) : "";
	}

	/**
	 * @return whether the message has a parameter at a position that is not empty
	 */
	boolean has(int index) {
		return !param(index).isEmpty();
	}

	/**
	 * @return a comma-separated list parameter's items, the empty ones left out
	 */
	List<String> list(int index) {
		List<String> items = new ArrayList<>();
		for (String item : param(index).split(",")) {
			if (!item.isEmpty()) {
				items.add(item);
			}
		}
		return items;
	}

	private static int skipSpaces(String line, int from) {
		int at = from;
		while (at < line.length() && line.charAt(at) == ' ') {
			at++;
		}
		return at;
	}

	private static int wordEnd(String line, int from) {
		int space = line.indexOf(' ', from);
		return (space < 0) ? line.length() : space;
	}

}
