package dev.sockets.chat.irc;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import dev.sockets.chat.ChatOutput;
import dev.sockets.chat.ChatOutput.Departure;
import dev.sockets.chat.ChatOutput.Person;
import dev.sockets.chat.HistoryLine;
import dev.sockets.chat.Restriction;
import dev.sockets.chat.Topic;

/**
 * Writes what the chat tells a user as IRC lines: messages from users prefixed
 * {@code :nick!user@host}, replies from the server as numerics prefixed with its name,
 * none over 512 bytes with its CRLF (a longer message is cut into several).
 * <p>
 * Every user's host is the server's name, so that no address is shown, and its user name
 * its nickname, the one name every instance of a cluster knows.
 */
final class IrcRenderer {

	/** The longest line without its CRLF. */
	static final int MAX_LINE = 510;

	/** What begins and ends a CTCP message such as {@code ACTION}. */
	static final String CTCP = "\u0001";

	private static final DateTimeFormatter CREATED = DateTimeFormatter
		.ofPattern("EEE MMM d yyyy 'at' HH:mm:ss 'UTC'", Locale.ROOT)
		.withZone(ZoneOffset.UTC);

	private final IrcServer server;

	IrcRenderer(IrcServer server) {
		this.server = server;
	}

	/**
	 * @param output what happened
	 * @param me the user's nickname, or {@code *} before it has one
	 * @param refused whether the user is leaving for a wrong password
	 * @return the lines
	 */
	List<String> write(ChatOutput output, String me, boolean refused) {
		return switch (output) {
			case ChatOutput.Welcome welcome -> welcome(welcome.nickname(), welcome.greeting());
			case ChatOutput.Entered entered -> {
				List<String> lines = new ArrayList<>();
				lines.add(from(me, "JOIN", entered.room()));
				lines.addAll(recalled(me, entered.room(), entered.recall()));
				List<String> names = new ArrayList<>();
				names.add(me);
				names.addAll(entered.others());
				lines.addAll(names(me, entered.room(), names, entered.operators()));
				yield lines;
			}
			case ChatOutput.Joined joined -> List.of(from(joined.nickname(), "JOIN", joined.room()));
			case ChatOutput.Parted parted ->
				List.of(parted.reason().isEmpty() ? from(parted.nickname(), "PART", parted.room())
						: from(parted.nickname(), "PART", parted.room(), parted.reason()));
			case ChatOutput.Quit quit -> List.of(from(quit.nickname(), "QUIT", quitMessage(quit)));
			case ChatOutput.Renamed renamed -> List.of(from(renamed.from(), "NICK", renamed.to()));
			case ChatOutput.RoomMessage message ->
				said(message.from(), message.notice() ? "NOTICE" : "PRIVMSG", message.room(), message.text());
			case ChatOutput.PrivateMessage message ->
				said(message.from(), message.notice() ? "NOTICE" : "PRIVMSG", me, message.text());
			case ChatOutput.PrivateMessageSent sent -> List.of();
			case ChatOutput.IsAway away -> List.of(numeric(301, me, away.nickname(), away.message()));
			case ChatOutput.AwayChanged changed ->
				List.of(changed.away() ? numeric(306, me, "You have been marked as being away")
						: numeric(305, me, "You are no longer marked as being away"));
			case ChatOutput.RoomList list -> {
				List<String> lines = new ArrayList<>();
				lines.add(numeric(321, me, "Channel", "Users  Name"));
				list.rooms().forEach((room, users) -> lines.add(numeric(322, me, room, String.valueOf(users), "")));
				lines.add(numeric(323, me, "End of /LIST"));
				yield lines;
			}
			case ChatOutput.WhoList who -> {
				String channel = who.target().startsWith("#") ? who.target() : "*";
				List<String> lines = new ArrayList<>();
				for (Person person : who.members()) {
					lines.add(numeric(352, me, channel, person.nickname(), this.server.name(), this.server.name(),
							person.nickname(),
							(person.away().isEmpty() ? "H" : "G")
									+ (operates(who.operators(), person.nickname()) ? "@" : ""),
							"0 " + person.realName()));
				}
				lines.add(numeric(315, me, who.target(), "End of WHO list"));
				yield lines;
			}
			case ChatOutput.Names names -> names(me, names.room(), names.nicknames(), names.operators());
			case ChatOutput.Whois whois -> whois(me, whois.person(), whois.rooms());
			case ChatOutput.Online online -> List.of(online.withHosts()
					? numeric(302, me,
							online.people()
								.stream()
								.map((person) -> person.nickname() + "=" + (person.away().isEmpty() ? "+" : "-")
										+ person.nickname() + "@" + this.server.name())
								.collect(Collectors.joining(" ")))
					: numeric(303, me,
							online.people().stream().map(Person::nickname).collect(Collectors.joining(" "))));
			case ChatOutput.Help help -> List.of();
			case ChatOutput.Error error -> List.of(error(me, error));
			case ChatOutput.Bye bye ->
				refused ? List.of(numeric(464, me, "Password incorrect"), closingLink(me, "Password incorrect"))
						: List.of(closingLink(me, bye.reason().isEmpty() ? "Quit" : "Quit: " + bye.reason()));
			case ChatOutput.Closing closing -> List.of(closingLink(me, (closing.reason() == ChatOutput.Closure.SHUTDOWN)
					? "Server shutting down" : "Server draining: reconnect to go on"));
			case ChatOutput.ClusterLink link -> List.of(notice(me, link.up() ? "Cluster link recovered"
					: "Cluster link lost: only users on this server can hear you"));
			case ChatOutput.NicknameLost lost -> List.of(notice(me,
					"The nickname " + lost.nickname() + " is used on another server; you are now " + lost.now()));
			case ChatOutput.Verbatim verbatim -> verbatim.lines();
			case ChatOutput.Moderated moderated -> List.of(moderated(moderated));
			case ChatOutput.Kicked kicked -> List.of(by(kicked.by(), "KICK", kicked.room(), kicked.nickname(),
					kicked.reason().isEmpty() ? kicked.by() : kicked.reason()));
			case ChatOutput.KickedOut kicked -> List.of(by(kicked.by(), "KICK", kicked.room(), me,
					kicked.reason().isEmpty() ? kicked.by() : kicked.reason()));
			case ChatOutput.Killed killed -> List.of(by(killed.by(), "KILL", me, killedWhy(killed)),
					closingLink(me, "Killed (" + killedWhy(killed) + ")"));
			case ChatOutput.BanList list -> {
				List<String> lines = new ArrayList<>();
				list.bans()
					.forEach((ban) -> lines.add(numeric(367, me, list.room(), ban.subject(),
							ban.by().isEmpty() ? this.server.name() : ban.by())));
				lines.add(numeric(368, me, list.room(), "End of channel ban list"));
				yield lines;
			}
			case ChatOutput.OperatorList operators ->
				List.of(notice(me, operators.nicknames().isEmpty() ? operators.room() + " has no operators"
						: "Operators of " + operators.room() + ": " + String.join(" ", operators.nicknames())));
			case ChatOutput.OperUp up -> List.of(numeric(381, me, "You are now an IRC operator"));
			case ChatOutput.RoomAction action ->
				said(action.from(), "PRIVMSG", action.room(), CTCP + "ACTION " + action.text() + CTCP);
			case ChatOutput.TopicIs topic -> topic(me, topic.room(), topic.recall(), true);
			case ChatOutput.TopicChanged changed ->
				List.of(from(changed.topic().setBy(), "TOPIC", changed.room(), changed.topic().text()));
		};
	}

	/**
	 * What a joining user is told of a room before its names: the topic (332 and 333),
	 * then its last lines as notices from the server, stamped, so that no client takes
	 * one for a line said now.
	 */
	private List<String> recalled(String me, String room, ChatOutput.Recall recall) {
		List<String> lines = new ArrayList<>(topic(me, room, recall, false));
		if (!recall.available()) {
			lines.add(line(":" + this.server.name() + " NOTICE", room,
					"The topic and history of " + room + " are unavailable now"));
		}
		if (!recall.lines().isEmpty()) {
			lines.add(line(":" + this.server.name() + " NOTICE", room,
					"History of " + room + ", the last " + recall.lines().size() + " lines, times in UTC:"));
			for (HistoryLine kept : recall.lines()) {
				String said = switch (kept.kind()) {
					case ACTION -> "* " + kept.nickname() + " " + kept.text();
					case NOTICE -> "-" + kept.nickname() + "- " + kept.text();
					case MESSAGE -> "<" + kept.nickname() + "> " + kept.text();
				};
				lines.addAll(spoken(this.server.name(), "NOTICE", room,
						"[" + kept.at().truncatedTo(ChronoUnit.SECONDS) + "] " + said));
			}
			lines.add(line(":" + this.server.name() + " NOTICE", room, "End of history"));
		}
		return lines;
	}

	/**
	 * @param asked whether the user asked, and is told so even if there is none
	 */
	private List<String> topic(String me, String room, ChatOutput.Recall recall, boolean asked) {
		Topic topic = recall.topic();
		if (topic == null || topic.text().isEmpty()) {
			return asked ? List.of(numeric(331, me, room, "No topic is set")) : List.of();
		}
		return List.of(numeric(332, me, room, topic.text()),
				numeric(333, me, room, topic.setBy(), String.valueOf(topic.at().getEpochSecond())));
	}

	/**
	 * A change of operators or bans is the {@code MODE} line clients parse to keep their
	 * lists; IRC has no mode for a mute that every client knows, so a mute is a notice to
	 * the room.
	 */
	private String moderated(ChatOutput.Moderated moderated) {
		Restriction restriction = moderated.restriction();
		String room = restriction.room();
		String sign = moderated.added() ? "+" : "-";
		return switch (restriction.kind()) {
			case OPERATOR -> by(moderated.actor(), "MODE", room, sign + "o", restriction.subject());
			case BAN -> by(moderated.actor(), "MODE", room, sign + "b", restriction.subject());
			case MUTE -> line(":" + this.server.name() + " NOTICE", room,
					moderated.added()
							? restriction.subject() + " is muted for " + moderated.lasting() + " by "
									+ actor(moderated.actor())
							: restriction.subject() + " is no longer muted, by " + actor(moderated.actor()));
		};
	}

	private String actor(String actor) {
		return actor.isEmpty() ? this.server.name() : actor;
	}

	/**
	 * @return a line from a user, or from the server where the chat itself acted
	 */
	private String by(String actor, String command, String... params) {
		return actor.isEmpty() ? line(":" + this.server.name() + " " + command, params) : from(actor, command, params);
	}

	private static String killedWhy(ChatOutput.Killed killed) {
		return killed.reason().isEmpty() ? killed.by() : killed.by() + " (" + killed.reason() + ")";
	}

	private static boolean operates(List<String> operators, String nickname) {
		return operators.stream().anyMatch(nickname::equalsIgnoreCase);
	}

	/**
	 * @return the registration's replies: the welcome, what the server supports, the
	 * message of the day
	 */
	List<String> welcome(String me, String motd) {
		List<String> lines = new ArrayList<>();
		lines.add(numeric(1, me, "Welcome to the " + this.server.network() + " IRC Network, " + mask(me)));
		lines.add(numeric(2, me, "Your host is " + this.server.name() + ", running version " + this.server.version()));
		lines.add(numeric(3, me, "This server was created " + CREATED.format(this.server.created())));
		// No user modes; the channel modes are its bans and operators.
		lines.add(numeric(4, me, this.server.name(), this.server.version(), "o", "bo"));
		lines.add(numeric(5, me, "AWAYLEN=" + (MAX_LINE / 2), "CASEMAPPING=ascii", "CHANLIMIT=#:", "CHANMODES=b,,,",
				"CHANNELLEN=" + this.server.maxChannelLength(), "CHANTYPES=#", "NETWORK=" + this.server.network(),
				"NICKLEN=" + this.server.maxNicknameLength(), "PREFIX=(o)@",
				"TARGMAX=NAMES:,JOIN:,PART:,PRIVMSG:1,NOTICE:1,WHOIS:1", "are supported by this server"));
		lines.addAll(motd(me, motd));
		return lines;
	}

	/**
	 * @return the message of the day, or that there is none
	 */
	List<String> motd(String me, String motd) {
		if (motd.isEmpty()) {
			return List.of(numeric(422, me, "MOTD File is missing"));
		}
		return List.of(numeric(375, me, "- " + this.server.name() + " Message of the day - "),
				numeric(372, me, "- " + motd), numeric(376, me, "End of /MOTD command."));
	}

	private List<String> names(String me, String room, List<String> unmarked, List<String> operators) {
		List<String> nicknames = unmarked.stream()
			.map((nickname) -> operates(operators, nickname) ? "@" + nickname : nickname)
			.toList();
		List<String> lines = new ArrayList<>();
		String head = numeric(353, me, "=", room, "");
		StringBuilder names = new StringBuilder();
		for (String nickname : nicknames) {
			if (!names.isEmpty() && utf8(head) + utf8(names.toString()) + 1 + utf8(nickname) > MAX_LINE) {
				lines.add(head + names);
				names.setLength(0);
			}
			names.append(names.isEmpty() ? "" : " ").append(nickname);
		}
		if (!names.isEmpty()) {
			lines.add(head + names);
		}
		lines.add(numeric(366, me, room, "End of /NAMES list"));
		return lines;
	}

	private List<String> whois(String me, Person person, List<String> rooms) {
		List<String> lines = new ArrayList<>();
		String nickname = person.nickname();
		lines.add(numeric(311, me, nickname, nickname, this.server.name(), "*", person.realName()));
		if (!rooms.isEmpty()) {
			lines.add(numeric(319, me, nickname, String.join(" ", rooms)));
		}
		lines.add(numeric(312, me, nickname, this.server.name(),
				person.here() ? this.server.network() + " chat" : "another server of " + this.server.network()));
		if (!person.away().isEmpty()) {
			lines.add(numeric(301, me, nickname, person.away()));
		}
		lines.add(numeric(318, me, nickname, "End of /WHOIS list"));
		return lines;
	}

	private String error(String me, ChatOutput.Error error) {
		String subject = error.subject();
		return switch (error.error()) {
			case NO_SUCH_NICKNAME -> numeric(401, me, subject, "No such nick/channel");
			case NICKNAME_TAKEN -> numeric(433, me, subject, "Nickname is already in use");
			case BAD_NICKNAME -> numeric(432, me, subject, "Erroneous nickname: " + error.detail());
			case BAD_ROOM -> numeric(403, me, subject, "No such channel: " + error.detail());
			case NO_SUCH_ROOM -> numeric(403, me, subject, "No such channel");
			case NOT_IN_ROOM -> numeric(442, me, subject, "You're not on that channel");
			case CANNOT_SEND -> numeric(404, me, subject, "Cannot send to channel");
			case ALREADY_IN_ROOM -> numeric(443, me, me, subject, "is already on channel");
			case INVALID -> notice(me, error.detail());
			case SLOW_DOWN -> notice(me, "Slow down: flood control dropped your line");
			case FLOODING -> closingLink(me, "Excess Flood");
			case NO_ROOM -> notice(me, "You are in no channel");
			case THEY_NOT_IN_ROOM -> numeric(441, me, subject, error.detail(), "They aren't on that channel");
			case NOT_OPERATOR -> numeric(482, me, subject, "You're not channel operator");
			case NOT_SERVICE_OPERATOR -> numeric(481, me, "Permission Denied- You're not an IRC operator");
			case BANNED -> numeric(474, me, subject,
					"Cannot join channel (+b)" + (error.detail().isEmpty() ? "" : ": " + error.detail()));
			case MUTED -> numeric(404, me, subject, "Cannot send to channel: you are muted"
					+ (error.detail().isEmpty() ? "" : " (" + error.detail() + ")"));
			case BAD_MASK -> notice(me, "Not a nickname, address or CIDR range: " + subject);
			case OPER_FAILED -> numeric(464, me, "Password incorrect");
			case TOO_MANY_BANS -> numeric(478, me, subject, "b", "Channel ban list is full");
			case TOO_MANY_ROOMS -> notice(me, "You operate " + error.detail() + " channels already, so not " + subject);
			// OPER refused for the host it comes from, however right the password.
			case OPER_THROTTLED -> numeric(491, me, "Too many OPER attempts from your host; try again later");
		};
	}

	private static String quitMessage(ChatOutput.Quit quit) {
		if (quit.departure() == Departure.QUIT) {
			return quit.reason().isEmpty() ? "Quit" : "Quit: " + quit.reason();
		}
		String reason = quit.reason();
		return reason.isEmpty() ? "Connection closed" : Character.toUpperCase(reason.charAt(0)) + reason.substring(1);
	}

	/**
	 * @return a message from a user, cut into as many lines as the text needs
	 */
	private List<String> said(String nickname, String command, String target, String text) {
		return spoken(mask(nickname), command, target, text);
	}

	/**
	 * @param prefix who says it: a user's mask, or the server's name
	 * @return the text in as many lines as it takes, each within IRC's limit
	 */
	private List<String> spoken(String prefix, String command, String target, String text) {
		String head = ":" + prefix + " " + command + " " + target + " :";
		int room = MAX_LINE - utf8(head);
		List<String> lines = new ArrayList<>();
		int start = 0;
		do {
			int end = cut(text, start, room);
			lines.add(head + text.substring(start, end));
			start = end;
		}
		while (start < text.length());
		return lines;
	}

	/**
	 * @return where a piece of text that starts at a position and fits in a number of
	 * UTF-8 bytes ends, never inside a character
	 */
	private static int cut(String text, int start, int bytes) {
		int used = 0;
		int at = start;
		while (at < text.length()) {
			int codePoint = text.codePointAt(at);
			int size = (codePoint < 0x80) ? 1 : (codePoint < 0x800) ? 2 : (codePoint < 0x10000) ? 3 : 4;
			if (used + size > bytes) {
				break;
			}
			used += size;
			at += Character.charCount(codePoint);
		}
		return (at == start) ? start + Character.charCount(text.codePointAt(start)) : at;
	}

	private String from(String nickname, String command, String... params) {
		return line(":" + mask(nickname) + " " + command, params);
	}

	String numeric(int code, String me, String... params) {
		String[] all = new String[params.length + 1];
		all[0] = me;
		System.arraycopy(params, 0, all, 1, params.length);
		return line(":" + this.server.name() + " " + String.format(Locale.ROOT, "%03d", code), all);
	}

	String notice(String me, String text) {
		return line(":" + this.server.name() + " NOTICE", me, text);
	}

	private static String closingLink(String me, String why) {
		return "ERROR :Closing Link: " + me + " (" + why + ")";
	}

	private String mask(String nickname) {
		return nickname + "!" + nickname + "@" + this.server.name();
	}

	/**
	 * @return a line of parameters, the last one trailing where it must be (it is empty,
	 * has a space, or starts with a colon); an empty parameter before the last is left
	 * out
	 */
	static String line(String head, String... params) {
		StringBuilder line = new StringBuilder(head);
		for (int i = 0; i < params.length; i++) {
			String param = params[i];
			boolean last = i == params.length - 1;
			if (last && (param.isEmpty() || param.indexOf(' ') >= 0 || param.startsWith(":"))) {
				line.append(" :").append(param);
			}
			else if (!param.isEmpty()) {
				line.append(' ').append(param);
			}
		}
		return line.toString();
	}

	/**
	 * Makes a line one that IRC can carry. What the chat relays is escaped already, but a
	 * reply may echo what a client sent (an unknown command, a target): a CR, LF or NUL
	 * in it would end the line early or be refused by the client, so each is written as
	 * {@code \ooo}, as the chat escapes control characters; and a line over the limit is
	 * cut, never inside a character.
	 */
	static String fit(String line) {
		String carried = line;
		if (line.indexOf('\r') >= 0 || line.indexOf('\n') >= 0 || line.indexOf('\0') >= 0) {
			carried = line.replace("\r", "\\015").replace("\n", "\\012").replace("\0", "\\000");
		}
		return (utf8(carried) <= MAX_LINE) ? carried : carried.substring(0, cut(carried, 0, MAX_LINE));
	}

	private static int utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8).length;
	}

}
