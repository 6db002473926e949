package dev.sockets.chat.irc;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Locale;

import dev.sockets.chat.ChatCommand;
import dev.sockets.chat.ChatOutput;
import dev.sockets.chat.Dialect;
import dev.sockets.config.ChatDialect;

/**
 * The chat as an IRC client sees it (RFC 1459, RFC 2812, as the "Modern IRC" documents
 * them): one per session, since it follows the session's registration (capabilities,
 * password, nickname, user) and knows its nickname, which every numeric names.
 * <p>
 * A message the chat has a part in becomes a {@link ChatCommand}; what is IRC's alone
 * (capability negotiation, pings, modes, errors of syntax) is answered here. Nothing a
 * client sends makes it throw, or ends the session, except a wrong password: every
 * mistake is a numeric.
 */
public final class IrcDialect implements Dialect {

	private static final ChatCommand NOTHING = new ChatCommand.Reply(List.of());

	private final IrcServer server;

	private final IrcRenderer renderer;

	/** The nickname the chat gave, once registered; {@code *} until then. */
	private String me = "*";

	private boolean registered;

	/** Whether a capability negotiation holds registration back until {@code CAP END}. */
	private boolean negotiating;

	/** The real name from {@code USER}, once given. */
	private String realName;

	/** Whether the chat has been asked to register the user. */
	private boolean registering;

	/** The password from {@code PASS}, if any. */
	private String password;

	/** Whether the user is leaving for a wrong password. */
	private boolean refused;

	public IrcDialect(IrcServer server) {
		this.server = server;
		this.renderer = new IrcRenderer(server);
	}

	@Override
	public ChatDialect name() {
		return ChatDialect.IRC;
	}

	@Override
	public boolean oneRoom() {
		return false;
	}

	@Override
	public boolean registers() {
		return true;
	}

	/**
	 * What only asks (who is where, the lists, the protocol's own messages) and the
	 * registration (which changes what this dialect keeps) are not counted as lines, so
	 * that a client's burst on connect and on joining (a {@code MODE} and a {@code WHO}
	 * for every channel) is not cut; their bytes are.
	 */
	@Override
	public boolean counted(ChatCommand command) {
		return !(command instanceof ChatCommand.Reply || command instanceof ChatCommand.Register
				|| command instanceof ChatCommand.Who || command instanceof ChatCommand.Names
				|| command instanceof ChatCommand.Rooms || command instanceof ChatCommand.Whois
				|| command instanceof ChatCommand.Online || command instanceof ChatCommand.Moderate.BanList);
	}

	@Override
	public ChatCommand tooLong(int maxBytes) {
		return reply(417, "Input line was too long");
	}

	@Override
	public ChatCommand read(String line) {
		IrcMessage message = IrcMessage.parse(line);
		return switch (message.command()) {
			case "" -> NOTHING;
			case "CAP" -> cap(message);
			case "PASS" -> pass(message);
			case "NICK" -> message.has(0) ? new ChatCommand.Nick(message.param(0)) : reply(431, "No nickname given");
			case "USER" -> user(message);
			case "PING" -> message.has(0) ? pong(message.param(0)) : reply(409, "No origin specified");
			case "PONG" -> NOTHING;
			case "QUIT" -> new ChatCommand.Quit(message.param(0));
			default -> this.registered ? registered(message) : reply(451, "You have not registered");
		};
	}

	private ChatCommand registered(IrcMessage message) {
		String command = message.command();
		return switch (command) {
			case "JOIN" -> message.has(0) ? new ChatCommand.Join(message.list(0)) : needMore(command);
			case "PART" -> message.has(0) ? new ChatCommand.Part(message.list(0), message.param(1)) : needMore(command);
			case "PRIVMSG", "NOTICE" -> message(message);
			case "NAMES" ->
				message.has(0) ? new ChatCommand.Names(message.list(0)) : reply(366, "*", "End of /NAMES list");
			case "LIST" -> new ChatCommand.Rooms();
			case "WHO" -> message.has(0) ? new ChatCommand.Who(message.param(0)) : reply(315, "*", "End of WHO list");
			case "WHOIS" -> message.has(0) ? new ChatCommand.Whois(firstOf(message.param(message.params().size() - 1)))
					: reply(431, "No nickname given");
			case "ISON" -> message.has(0) ? new ChatCommand.Online(words(message), false) : needMore(command);
			case "USERHOST" -> message.has(0)
					? new ChatCommand.Online(words(message).subList(0, Math.min(5, words(message).size())), true)
					: needMore(command);
			case "AWAY" -> new ChatCommand.Away(message.param(0));
			case "TOPIC" -> topic(message);
			case "MODE" -> mode(message);
			case "KICK" -> message.has(1)
					? new ChatCommand.Moderate.Kick(message.param(0), firstOf(message.param(1)), message.param(2))
					: needMore(command);
			case "OPER" ->
				message.has(1) ? new ChatCommand.Moderate.Oper(message.param(0), message.param(1)) : needMore(command);
			case "KILL" ->
				message.has(0) ? new ChatCommand.Moderate.Kill(message.param(0), message.param(1)) : needMore(command);
			case "MOTD" -> new ChatCommand.Reply(this.renderer.motd(this.me, this.server.motd()));
			default -> reply(421, command, "Unknown command");
		};
	}

	private ChatCommand cap(IrcMessage message) {
		String subcommand = message.param(0).toUpperCase(Locale.ROOT);
		return switch (subcommand) {
			case "LS" -> {
				this.negotiating = !this.registered;
				yield capReply("LS", "");
			}
			case "LIST" -> capReply("LIST", "");
			case "REQ" -> {
				this.negotiating = !this.registered;
				// No capability is offered, so none is granted.
				yield capReply("NAK", message.param(1));
			}
			case "END" -> {
				this.negotiating = false;
				yield mayRegister();
			}
			default -> reply(410, message.param(0), "Invalid CAP command");
		};
	}

	private ChatCommand capReply(String subcommand, String capabilities) {
		return new ChatCommand.Reply(
				List.of(":" + this.server.name() + " CAP " + this.me + " " + subcommand + " :" + capabilities));
	}

	private ChatCommand pass(IrcMessage message) {
		if (this.registered || this.registering) {
			return reply(462, "You may not reregister");
		}
		if (!message.has(0)) {
			return needMore("PASS");
		}
		this.password = message.param(0);
		return NOTHING;
	}

	private ChatCommand user(IrcMessage message) {
		if (this.registered || this.realName != null) {
			return reply(462, "You may not reregister");
		}
		if (message.params().size() < 4 || !message.has(0)) {
			return needMore("USER");
		}
		this.realName = message.param(3);
		if (this.server.password() != null && !passwordMatches()) {
			this.refused = true;
			return new ChatCommand.Quit("Password incorrect");
		}
		return mayRegister();
	}

	private boolean passwordMatches() {
		return this.password != null && MessageDigest.isEqual(this.password.getBytes(StandardCharsets.UTF_8),
				this.server.password().getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * @return the registration, once the user has said who it is and no capability
	 * negotiation holds it back; the chat completes it when the nickname is decided
	 */
	private ChatCommand mayRegister() {
		if (this.registered || this.registering || this.negotiating || this.realName == null) {
			return NOTHING;
		}
		this.registering = true;
		return new ChatCommand.Register(this.realName);
	}

	private ChatCommand message(IrcMessage message) {
		boolean notice = message.command().equals("NOTICE");
		if (!message.has(0)) {
			return notice ? NOTHING : reply(411, "No recipient given (" + message.command() + ")");
		}
		if (!message.has(1)) {
			return notice ? NOTHING : reply(412, "No text to send");
		}
		String target = message.param(0);
		if (target.indexOf(',') >= 0) {
			return notice ? NOTHING : reply(407, target, "Too many targets: send to one at a time");
		}
		String text = message.param(1);
		if (!notice && text.startsWith(IrcRenderer.CTCP + "ACTION")) {
			// CTCP ACTION (/me): the action is the chat's own, whatever the dialect of
			// those who see it.
			String action = text.substring(7, text.endsWith(IrcRenderer.CTCP) ? text.length() - 1 : text.length())
				.strip();
			return action.isEmpty() ? reply(412, "No text to send") : new ChatCommand.Act(target, action);
		}
		return new ChatCommand.Message(target, text, notice);
	}

	private ChatCommand topic(IrcMessage message) {
		if (!message.has(0)) {
			return needMore("TOPIC");
		}
		return new ChatCommand.Topic(message.param(0), (message.params().size() > 1) ? message.param(1) : null);
	}

	private ChatCommand mode(IrcMessage message) {
		if (!message.has(0)) {
			return needMore("MODE");
		}
		String target = message.param(0);
		if (target.startsWith("#")) {
			return message.has(1) ? channelMode(target, message) : reply(324, target.toLowerCase(Locale.ROOT), "+");
		}
		if (!target.equalsIgnoreCase(this.me)) {
			return reply(502, "Can't change mode for other users");
		}
		return reply(221, "+");
	}

	/**
	 * The channel modes the chat has: {@code o} for its operators and {@code b} for its
	 * bans, one change a message; {@code b} without a mask asks for the ban list, as
	 * clients do on joining.
	 */
	private ChatCommand channelMode(String room, IrcMessage message) {
		String modes = message.param(1);
		boolean add = !modes.startsWith("-");
		String letters = (modes.startsWith("+") || modes.startsWith("-")) ? modes.substring(1) : modes;
		boolean argument = message.has(2);
		return switch (letters) {
			case "b" -> argument ? new ChatCommand.Moderate.Ban(room, message.param(2), "", add)
					: new ChatCommand.Moderate.BanList(room);
			case "o" -> argument ? new ChatCommand.Moderate.Op(room, message.param(2), add) : needMore("MODE");
			default -> reply(472, letters.isEmpty() ? modes : letters.substring(0, 1), "is unknown mode char to me");
		};
	}

	private ChatCommand pong(String token) {
		return new ChatCommand.Reply(List.of(":" + this.server.name() + " PONG " + this.server.name() + " :" + token));
	}

	private ChatCommand needMore(String command) {
		return reply(461, command, "Not enough parameters");
	}

	private ChatCommand reply(int numeric, String... params) {
		return new ChatCommand.Reply(List.of(this.renderer.numeric(numeric, this.me, params)));
	}

	private static List<String> words(IrcMessage message) {
		return message.params()
			.stream()
			.flatMap((param) -> List.of(param.split(" ")).stream())
			.filter((word) -> !word.isEmpty())
			.toList();
	}

	private static String firstOf(String list) {
		int comma = list.indexOf(',');
		return (comma < 0) ? list : list.substring(0, comma);
	}

	/**
	 * What is said in a room reads the same for every client of the same server; the rest
	 * may name the client's own nickname.
	 */
	@Override
	public Object writesAlike(ChatOutput output) {
		return (output instanceof ChatOutput.RoomMessage || output instanceof ChatOutput.RoomAction) ? this.server
				: null;
	}

	@Override
	public List<String> write(ChatOutput output) {
		List<String> lines;
		if (output instanceof ChatOutput.Welcome welcome) {
			this.registered = true;
			this.me = welcome.nickname();
			lines = this.renderer.welcome(this.me, this.server.motd());
		}
		else {
			lines = this.renderer.write(output, this.me, this.refused);
		}
		if (output instanceof ChatOutput.Renamed renamed && renamed.from().equalsIgnoreCase(this.me)) {
			this.me = renamed.to();
		}
		return lines.stream().map(IrcRenderer::fit).toList();
	}

}
