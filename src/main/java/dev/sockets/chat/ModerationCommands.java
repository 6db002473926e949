package dev.sockets.chat;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.sockets.chat.ChatCommand.Invalid;
import dev.sockets.chat.ChatCommand.Moderate;

/**
 * The moderation commands of the line dialect: each may name a room first
 * ({@code /kick #dev bob spam}), since a service operator moderates rooms it is not in.
 */
final class ModerationCommands {

	private static final Pattern DURATION = Pattern.compile("([0-9]{1,6})([smhd]?)");

	private ModerationCommands() {
	}

	/**
	 * @param name the command, lower case, without its {@code /}
	 * @param args the rest of the line, stripped
	 */
	static ChatCommand parse(String name, String args) {
		String room = null;
		String rest = args;
		if (rest.startsWith("#") && !name.equals("oper") && !name.equals("kill")) {
			int space = ChatCommand.firstWhitespace(rest);
			room = rest.substring(0, space);
			rest = rest.substring(space).strip();
		}
		int space = ChatCommand.firstWhitespace(rest);
		String first = rest.substring(0, space);
		String more = rest.substring(space).strip();
		return switch (name) {
			case "op", "deop" ->
				ChatCommand.oneWord(rest) ? new Moderate.Op(room, first, name.equals("op")) : usage(name, "NICK");
			case "kick" -> first.isEmpty() ? usage(name, "NICK [reason]") : new Moderate.Kick(room, first, more);
			case "ban" ->
				first.isEmpty() ? usage(name, "NICK|ADDRESS|CIDR [reason]") : new Moderate.Ban(room, first, more, true);
			case "unban" ->
				ChatCommand.oneWord(rest) ? new Moderate.Ban(room, first, "", false) : usage(name, "NICK|ADDRESS|CIDR");
			case "bans" -> rest.isEmpty() ? new Moderate.BanList(room) : usage(name, "");
			case "ops" -> rest.isEmpty() ? new Moderate.OperatorList(room) : usage(name, "");
			case "mute" -> mute(room, first, more);
			case "unmute" ->
				ChatCommand.oneWord(rest) ? new Moderate.Mute(room, first, null, false) : usage(name, "NICK");
			case "oper" -> (first.isEmpty() || ChatCommand.firstWhitespace(more) != more.length())
					? new Invalid("usage: /oper NAME [PASSWORD]") : new Moderate.Oper(first, more);
			case "kill" -> first.isEmpty() ? new Invalid("usage: /kill NICK [reason]") : new Moderate.Kill(first, more);
			default -> throw new IllegalArgumentException("not a moderation command: " + name);
		};
	}

	private static ChatCommand mute(String room, String nickname, String duration) {
		if (nickname.isEmpty()) {
			return usage("mute", "NICK [time, e.g. 10m, 30s, 2h]");
		}
		if (duration.isEmpty()) {
			return new Moderate.Mute(room, nickname, null, true);
		}
		Matcher matcher = DURATION.matcher(duration);
		if (!matcher.matches() || Long.parseLong(matcher.group(1)) == 0) {
			return usage("mute", "NICK [time, e.g. 10m, 30s, 2h]");
		}
		long amount = Long.parseLong(matcher.group(1));
		Duration time = switch (matcher.group(2)) {
			case "s" -> Duration.ofSeconds(amount);
			case "h" -> Duration.ofHours(amount);
			case "d" -> Duration.ofDays(amount);
			default -> Duration.ofMinutes(amount);
		};
		return new Moderate.Mute(room, nickname, time, true);
	}

	private static Invalid usage(String name, String args) {
		return new Invalid("usage: /" + name + " [#ROOM]" + (args.isEmpty() ? "" : " " + args));
	}

}
