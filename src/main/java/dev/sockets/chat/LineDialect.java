package dev.sockets.chat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.sockets.chat.ChatOutput.AwayChanged;
import dev.sockets.chat.ChatOutput.BanList;
import dev.sockets.chat.ChatOutput.Bye;
import dev.sockets.chat.ChatOutput.Closing;
import dev.sockets.chat.ChatOutput.ClusterLink;
import dev.sockets.chat.ChatOutput.Departure;
import dev.sockets.chat.ChatOutput.Entered;
import dev.sockets.chat.ChatOutput.Error;
import dev.sockets.chat.ChatOutput.Help;
import dev.sockets.chat.ChatOutput.IsAway;
import dev.sockets.chat.ChatOutput.Joined;
import dev.sockets.chat.ChatOutput.Kicked;
import dev.sockets.chat.ChatOutput.KickedOut;
import dev.sockets.chat.ChatOutput.Killed;
import dev.sockets.chat.ChatOutput.Moderated;
import dev.sockets.chat.ChatOutput.Names;
import dev.sockets.chat.ChatOutput.NicknameLost;
import dev.sockets.chat.ChatOutput.Online;
import dev.sockets.chat.ChatOutput.OperUp;
import dev.sockets.chat.ChatOutput.OperatorList;
import dev.sockets.chat.ChatOutput.Parted;
import dev.sockets.chat.ChatOutput.Person;
import dev.sockets.chat.ChatOutput.PrivateMessage;
import dev.sockets.chat.ChatOutput.PrivateMessageSent;
import dev.sockets.chat.ChatOutput.Quit;
import dev.sockets.chat.ChatOutput.Recall;
import dev.sockets.chat.ChatOutput.Renamed;
import dev.sockets.chat.ChatOutput.RoomAction;
import dev.sockets.chat.ChatOutput.RoomList;
import dev.sockets.chat.ChatOutput.RoomMessage;
import dev.sockets.chat.ChatOutput.TopicChanged;
import dev.sockets.chat.ChatOutput.TopicIs;
import dev.sockets.chat.ChatOutput.Verbatim;
import dev.sockets.chat.ChatOutput.Welcome;
import dev.sockets.chat.ChatOutput.WhoList;
import dev.sockets.chat.ChatOutput.Whois;
import dev.sockets.config.ChatDialect;

/**
 * The chat as a {@code telnet} or {@code nc} user sees it: notices start with {@code * },
 * messages with the sender's name in angle brackets, errors with {@code ERR }; commands
 * start with {@code /}. It keeps nothing per session, so one serves them all.
 */
final class LineDialect implements Dialect {

	static final LineDialect INSTANCE = new LineDialect();

	private static final int MAX_NAMES_LISTED = 50;

	// @formatter:off
	private static final List<String> HELP = List.of(
			"* Commands:",
			"*   /nick NAME      change your nickname",
			"*   /join ROOM      leave this room for ROOM (created if new)",
			"*   /rooms          list the rooms and how many are in each",
			"*   /who            list who is in this room",
			"*   /msg NICK TEXT  send TEXT to NICK only",
			"*   /me TEXT        act: the room sees * yourname TEXT",
			"*   /topic [TEXT]   show this room's topic, or set it to TEXT",
			"*   /away [REASON]  say you are away, answered to /msg; /away alone: back",
			"*   /quit [REASON]  leave the chat",
			"*   /help           this list",
			"* Room operators (the first in a new room, or made one with /op); ROOM is this room unless given:",
			"*   /ops, /bans                       list the room's operators, its bans",
			"*   /op [#ROOM] NICK, /deop ...       make NICK an operator, or no longer",
			"*   /kick [#ROOM] NICK [REASON]       remove NICK from the room",
			"*   /ban [#ROOM] MASK [REASON]        keep a nickname, address or CIDR range out; /unban MASK",
			"*   /mute [#ROOM] NICK [TIME]         keep NICK's lines from the room (10m, 30s, 2h); /unmute NICK",
			"* Service operators: /oper NAME PASSWORD, then the above in any room, and /kill NICK [REASON].",
			"* Any other line goes to everyone else in the room; start it with // to begin it with /.");
	// @formatter:on

	private LineDialect() {
	}

	@Override
	public ChatDialect name() {
		return ChatDialect.LINE;
	}

	@Override
	public boolean oneRoom() {
		return true;
	}

	@Override
	public boolean registers() {
		return false;
	}

	/**
	 * It keeps nothing per session: every line user is written the same.
	 */
	@Override
	public Object writesAlike(ChatOutput output) {
		return this;
	}

	@Override
	public ChatCommand read(String line) {
		return ChatCommand.parse(line);
	}

	/**
	 * Every line a user types counts, commands too.
	 */
	@Override
	public boolean counted(ChatCommand command) {
		return true;
	}

	@Override
	public ChatCommand tooLong(int maxBytes) {
		return new ChatCommand.Invalid("line too long (max " + maxBytes + " bytes)");
	}

	@Override
	public List<String> write(ChatOutput output) {
		return switch (output) {
			case Welcome welcome -> welcome(welcome);
			case Entered entered -> entered(entered);
			case Joined joined -> notice(joined.nickname() + " joined " + joined.room());
			case Parted parted -> notice(parted.nickname() + " left " + parted.room() + ((parted.destination() != null)
					? " for " + parted.destination() : parted.reason().isEmpty() ? "" : " (" + parted.reason() + ")"));
			case Quit quit -> notice(quit(quit));
			case Renamed renamed -> notice(renamed.from() + " is now known as " + renamed.to());
			case RoomMessage message -> List
				.of((message.notice() ? "-" + message.from() + "- " : "<" + message.from() + "> ") + message.text());
			case RoomAction action -> notice(action.from() + " " + action.text());
			case TopicIs topic -> topic(topic.room(), topic.recall(), true);
			case TopicChanged changed -> notice(changed.topic().text().isEmpty()
					? changed.topic().setBy() + " cleared the topic of " + changed.room()
					: changed.topic().setBy() + " set the topic of " + changed.room() + ": " + changed.topic().text());
			case PrivateMessage message -> List.of("*" + message.from() + "* " + message.text());
			case PrivateMessageSent sent -> List.of("-> *" + sent.to() + "* " + sent.text());
			case IsAway away -> notice(away.nickname() + " is away: " + away.message());
			case AwayChanged changed -> notice(changed.away() ? "You are away." : "You are back.");
			case RoomList list -> notice("Rooms: " + rooms(list.rooms()));
			case WhoList who -> notice("In " + who.target() + ": " + names(who.members()
				.stream()
				.map((person) -> person.nickname() + (person.away().isEmpty() ? "" : " (away: " + person.away() + ")"))
				.toList()));
			case Names names -> notice("In " + names.room() + ": " + names(names.nicknames()));
			case Whois whois -> notice(whois.person().nickname() + " is in " + String.join(", ", whois.rooms()));
			case Online online ->
				notice("Online: " + String.join(", ", online.people().stream().map(Person::nickname).toList()));
			case Help help -> HELP;
			case Error error -> List.of("ERR " + error(error));
			case Bye bye -> notice("Bye.");
			case Closing closing -> notice((closing.reason() == ChatOutput.Closure.SHUTDOWN) ? "server shutting down"
					: "this server is draining: reconnect to go on");
			case ClusterLink link -> notice(
					link.up() ? "cluster link recovered" : "cluster link lost: only users on this server can hear you");
			case NicknameLost lost -> notice(
					"The nickname " + lost.nickname() + " is used on another server; you are now " + lost.now() + ".");
			case Verbatim verbatim -> verbatim.lines();
			case Moderated moderated -> notice(moderated(moderated));
			case Kicked kicked -> notice(kicked.nickname() + " was kicked from " + kicked.room() + " by " + kicked.by()
					+ because(kicked.reason()));
			case KickedOut kicked -> notice("You were kicked from " + kicked.room() + " by " + kicked.by()
					+ because(kicked.reason()) + ". /join a room to go on.");
			case Killed killed -> List.of("ERR disconnected by " + killed.by() + because(killed.reason()));
			case BanList bans ->
				notice(bans.bans().isEmpty() ? "Nobody is banned from " + bans.room() + "." : "Bans in " + bans.room()
						+ ": " + String.join(", ", bans.bans().stream().map(LineDialect::ban).toList()));
			case OperatorList operators ->
				notice(operators.nicknames().isEmpty() ? operators.room() + " has no operator."
						: "Operators of " + operators.room() + ": " + names(operators.nicknames()));
			case OperUp up -> notice("You are now a service operator (" + up.name() + ").");
		};
	}

	private static List<String> welcome(Welcome welcome) {
		String where = "* You are " + welcome.nickname() + ((welcome.room() != null) ? " in " + welcome.room() : "")
				+ ". Type /help for commands.";
		return welcome.greeting().isEmpty() ? List.of(where) : List.of("* " + welcome.greeting(), where);
	}

	/**
	 * The room's past comes before who is there now, so a user's first live line is
	 * always after the list of who is here; its lines are stamped and framed, never
	 * written as live lines are.
	 */
	private static List<String> entered(Entered entered) {
		List<String> lines = new ArrayList<>();
		if (entered.joined()) {
			lines.add("* You joined " + entered.room() + ".");
		}
		Recall recall = entered.recall();
		lines.addAll(topic(entered.room(), recall, false));
		if (!recall.lines().isEmpty()) {
			lines.add("* history of " + entered.room() + ", the last " + recall.lines().size()
					+ ((recall.lines().size() == 1) ? " line" : " lines") + ", times in UTC:");
			for (HistoryLine line : recall.lines()) {
				lines.add("[" + time(line.at()) + "] " + switch (line.kind()) {
					case MESSAGE -> "<" + line.nickname() + "> " + line.text();
					case NOTICE -> "-" + line.nickname() + "- " + line.text();
					case ACTION -> "* " + line.nickname() + " " + line.text();
				});
			}
			lines.add("* end of history");
		}
		lines
			.add(entered.others().isEmpty() ? "* Nobody else is here yet." : "* Also here: " + names(entered.others()));
		return lines;
	}

	/**
	 * @param asked whether the user asked, and so is told too that there is none
	 */
	private static List<String> topic(String room, Recall recall, boolean asked) {
		if (!recall.available()) {
			return notice("The topic and history of " + room + " are unavailable now.");
		}
		if (recall.topic() == null) {
			return asked ? notice("No topic is set for " + room + ".") : List.of();
		}
		Topic topic = recall.topic();
		return notice("Topic for " + room + ": " + topic.text() + " (set by " + topic.setBy()
				+ ((topic.at() != null) ? " at " + time(topic.at()) : "") + ")");
	}

	private static String time(Instant at) {
		return at.truncatedTo(ChronoUnit.SECONDS).toString();
	}

	private static String quit(Quit quit) {
		if (quit.departure() == Departure.QUIT) {
			return quit.nickname() + " left " + quit.room() + " ("
					+ (quit.reason().isEmpty() ? "quit" : "quit: " + quit.reason()) + ")";
		}
		return quit.nickname() + " is offline (" + quit.reason() + ")";
	}

	private static String error(Error error) {
		return switch (error.error()) {
			case INVALID, BAD_NICKNAME, BAD_ROOM -> error.detail();
			case NO_SUCH_NICKNAME -> "no such nickname: " + error.subject();
			case NICKNAME_TAKEN -> "nickname " + error.subject() + " is taken";
			case NO_SUCH_ROOM -> "no such room: " + error.subject();
			case ALREADY_IN_ROOM -> "you are already in " + error.subject();
			case NOT_IN_ROOM, CANNOT_SEND -> "you are not in " + error.subject();
			case SLOW_DOWN -> "slow down";
			case FLOODING -> "flooding: disconnected";
			case NO_ROOM -> "you are in no room; /join ROOM to talk";
			case THEY_NOT_IN_ROOM -> error.subject() + " is not in " + error.detail();
			case NOT_OPERATOR -> "you are not an operator of " + error.subject();
			case NOT_SERVICE_OPERATOR -> "you are not a service operator";
			case BANNED ->
				"you are banned from " + error.subject() + (error.detail().isEmpty() ? "" : ": " + error.detail());
			case MUTED ->
				"you are muted in " + error.subject() + " for " + error.detail() + "; your lines are not delivered";
			case BAD_MASK -> "not a nickname, address or CIDR range: " + error.subject();
			case OPER_FAILED -> "wrong operator name or password";
			case TOO_MANY_BANS ->
				error.subject() + " has " + error.detail() + " bans, the most it may have; /unban one first";
			case TOO_MANY_ROOMS -> "you operate " + error.detail() + " rooms already, so not " + error.subject();
			case OPER_THROTTLED ->
				"too many /oper attempts from your address (max " + error.detail() + " a minute); try again later";
		};
	}

	private static String moderated(Moderated moderated) {
		Restriction restriction = moderated.restriction();
		String subject = restriction.subject();
		String room = restriction.room();
		String actor = moderated.actor().isEmpty() ? "the chat" : moderated.actor();
		return switch (restriction.kind()) {
			case OPERATOR -> moderated.added() ? actor + " made " + subject + " an operator of " + room
					: actor + " took " + subject + "'s operator status in " + room;
			case BAN ->
				moderated.added()
						? actor + " banned " + subject + " from " + room + " for " + moderated.lasting()
								+ because(restriction.reason())
						: actor + " lifted the ban on " + subject + " in " + room;
			case MUTE -> moderated.added() ? actor + " muted " + subject + " in " + room + " for " + moderated.lasting()
					: actor + " unmuted " + subject + " in " + room;
		};
	}

	private static String ban(Restriction ban) {
		return ban.subject() + " (by " + (ban.by().isEmpty() ? "the chat" : ban.by())
				+ (ban.reason().isEmpty() ? "" : ": " + ban.reason()) + ")";
	}

	private static String because(String reason) {
		return reason.isEmpty() ? "" : " (" + reason + ")";
	}

	private static String rooms(Map<String, Integer> rooms) {
		return rooms.entrySet()
			.stream()
			.map((room) -> room.getKey() + " (" + room.getValue() + ")")
			.collect(Collectors.joining(", "));
	}

	private static String names(List<String> names) {
		if (names.size() <= MAX_NAMES_LISTED) {
			return String.join(", ", names);
		}
		return String.join(", ", names.subList(0, MAX_NAMES_LISTED)) + " and " + (names.size() - MAX_NAMES_LISTED)
				+ " more";
	}

	private static List<String> notice(String text) {
		return List.of("* " + text);
	}

}
