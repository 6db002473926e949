package dev.sockets.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;

import javax.net.ssl.TrustManagerFactory;

import net.engio.mbassy.listener.Handler;
import org.kitteh.irc.client.library.Client;
import org.kitteh.irc.client.library.event.channel.ChannelJoinEvent;
import org.kitteh.irc.client.library.event.channel.ChannelMessageEvent;
import org.kitteh.irc.client.library.event.channel.ChannelNoticeEvent;
import org.kitteh.irc.client.library.event.channel.ChannelPartEvent;
import org.kitteh.irc.client.library.event.client.ClientReceiveNumericEvent;
import org.kitteh.irc.client.library.event.client.NickRejectedEvent;
import org.kitteh.irc.client.library.event.user.PrivateMessageEvent;
import org.kitteh.irc.client.library.event.user.UserNickChangeEvent;
import org.kitteh.irc.client.library.event.user.UserQuitEvent;
import org.kitteh.irc.client.library.feature.sending.SingleDelaySender;

import static org.assertj.core.api.Assertions.fail;

/**
 * A user of an IRC client nobody here wrote: Kitteh IRC Client Library, as bots and
 * bridges use it. What the library makes of what the server sends is recorded as events
 * in words ({@code message #lobby bob hello}, {@code join #lobby bob},
 * {@code quit bob Ping timeout}, {@code nick bob robert}, {@code numeric 401 ...}), and
 * every raw line it reads is kept too.
 */
public final class IrcUser implements AutoCloseable {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private final Client client;

	private final BlockingQueue<String> events = new LinkedBlockingQueue<>();

	private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

	private final List<String> rejectedNicks = new ArrayList<>();

	private final Function<String, String> retryNick;

	private String welcome;

	private IrcUser(Client.Builder builder, Function<String, String> retryNick) {
		this.retryNick = retryNick;
		this.client = builder.listeners()
			.input(this.lines::add)
			.exception((ex) -> this.events.add("exception " + ex))
			.then()
			.management()
			.messageSendingQueueSupplier(SingleDelaySender.getSupplier(1))
			.then()
			.build();
		this.client.getEventManager().registerEventListener(this);
		this.client.connect();
	}

	/**
	 * Connects to an IRC listener and waits for the welcome.
	 */
	public static IrcUser connect(String nick, int port) {
		return welcomed(new IrcUser(
				builder(nick).server().host("127.0.0.1").port(port, Client.Builder.Server.SecurityType.INSECURE).then(),
				(rejected) -> null));
	}

	/**
	 * Connects to an IRC listener, answering a nickname refused during registration with
	 * another, and waits for the welcome.
	 */
	public static IrcUser connect(String nick, int port, Function<String, String> retryNick) {
		return welcomed(new IrcUser(
				builder(nick).server().host("127.0.0.1").port(port, Client.Builder.Server.SecurityType.INSECURE).then(),
				retryNick));
	}

	/**
	 * Connects to an IRC listener over TLS, trusting the server's certificate as the
	 * trust manager says, and waits for the welcome.
	 */
	public static IrcUser connectTls(String nick, int port, TrustManagerFactory trust) {
		return welcomed(new IrcUser(builder(nick).server()
			.host("localhost")
			.port(port, Client.Builder.Server.SecurityType.SECURE)
			.secureTrustManagerFactory(trust)
			.then(), (rejected) -> null));
	}

	private static Client.Builder builder(String nick) {
		return Client.builder().name(nick).nick(nick).user(nick).realName(nick + " in tests");
	}

	private static IrcUser welcomed(IrcUser user) {
		user.welcome = user.awaitLine((line) -> line.matches(":\\S+ 001 .*"));
		return user;
	}

	/**
	 * @return the server's welcome ({@code 001}) as it came, naming the nickname the
	 * client registered with; the library learns it a moment later, on its own thread
	 */
	public String welcome() {
		return this.welcome;
	}

	/**
	 * @return the library itself, for what it knows of channels and the server
	 */
	public Client client() {
		return this.client;
	}

	public String nick() {
		return this.client.getNick();
	}

	/**
	 * @return the nicknames the server refused while registering, in order
	 */
	public synchronized List<String> rejectedNicks() {
		return List.copyOf(this.rejectedNicks);
	}

	/**
	 * Joins a channel, and waits until the library knows who is in it: it asks with a
	 * {@code WHO} after the join, and until the answer has come it takes word of a user
	 * in the channel (a nickname change) for word of a stranger.
	 */
	public IrcUser join(String channel) {
		String name = channel.toLowerCase(Locale.ROOT);
		this.client.addChannel(channel);
		awaitEvent("join " + name + " " + nick());
		awaitEventStartingWith("numeric 315 " + nick() + " " + name + " ");
		return this;
	}

	public IrcUser say(String target, String text) {
		this.client.sendMessage(target, text);
		return this;
	}

	public IrcUser raw(String line) {
		this.client.sendRawLineImmediately(line);
		return this;
	}

	/**
	 * Waits for an event, skipping those before it.
	 * @return the event
	 */
	public String awaitEvent(String expected) {
		return await(this.events, expected::equals, "event " + expected);
	}

	/**
	 * Waits for an event that starts with a text, skipping those before it.
	 */
	public String awaitEventStartingWith(String prefix) {
		return await(this.events, (event) -> event.startsWith(prefix), "event starting with " + prefix);
	}

	/**
	 * Waits for a raw line from the server, skipping those before it.
	 */
	public String awaitLine(Predicate<String> condition) {
		return await(this.lines, condition, "a line as expected");
	}

	/**
	 * Waits for a numeric reply, skipping the lines before it.
	 * @return the reply's line
	 */
	public String awaitNumeric(int numeric) {
		String code = String.format(Locale.ROOT, "%03d", numeric);
		return awaitLine((line) -> line.matches(":\\S+ " + code + " .*"));
	}

	private static String await(BlockingQueue<String> queue, Predicate<String> condition, String what) {
		long deadline = System.nanoTime() + TIMEOUT.toNanos();
		List<String> skipped = new ArrayList<>();
		try {
			while (true) {
				String next = queue.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
				if (next == null) {
					fail("no " + what + " within " + TIMEOUT.toSeconds() + " s; had " + skipped);
				}
				if (condition.test(next)) {
					return next;
				}
				skipped.add(next);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Handler
	public void message(ChannelMessageEvent event) {
		this.events.add("message " + event.getChannel().getName() + " " + event.getActor().getNick() + " "
				+ event.getMessage());
	}

	@Handler
	public void notice(ChannelNoticeEvent event) {
		this.events.add(
				"notice " + event.getChannel().getName() + " " + event.getActor().getNick() + " " + event.getMessage());
	}

	@Handler
	public void privateMessage(PrivateMessageEvent event) {
		this.events.add("private " + event.getActor().getNick() + " " + event.getMessage());
	}

	@Handler
	public void joined(ChannelJoinEvent event) {
		this.events.add("join " + event.getChannel().getName() + " " + event.getUser().getNick());
	}

	@Handler
	public void parted(ChannelPartEvent event) {
		this.events.add("part " + event.getChannel().getName() + " " + event.getUser().getNick());
	}

	@Handler
	public void quit(UserQuitEvent event) {
		this.events.add("quit " + event.getUser().getNick() + " " + event.getMessage());
	}

	@Handler
	public void renamed(UserNickChangeEvent event) {
		this.events.add("nick " + event.getOldUser().getNick() + " " + event.getNewUser().getNick());
	}

	@Handler
	public void numeric(ClientReceiveNumericEvent event) {
		this.events.add("numeric " + event.getNumeric() + " " + String.join(" ", event.getParameters()));
	}

	@Handler
	public synchronized void nickRejected(NickRejectedEvent event) {
		this.rejectedNicks.add(event.getAttemptedNick());
		String retry = this.retryNick.apply(event.getAttemptedNick());
		if (retry != null) {
			event.setNewNick(retry);
		}
	}

	/**
	 * Quits, and waits until the library has shut down.
	 */
	@Override
	public void close() {
		this.client.shutdown("done");
	}

}
