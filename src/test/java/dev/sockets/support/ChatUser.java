package dev.sockets.support;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A chat user: connected, greeted, and named.
 *
 * @param client the user's connection
 * @param nickname the nickname the server gave the user
 * @param recalled what the user was told of the room before who is in it: its topic and
 * history
 */
public record ChatUser(LineClient client, String nickname, List<String> recalled) implements AutoCloseable {

	private static final Pattern PRESENCE = Pattern.compile("\\* (Also here: .*|Nobody else is here yet\\.)");

	private static final Pattern WELCOME = Pattern
		.compile("\\* You are (\\S+) in #lobby\\. Type /help for commands\\.");

	/**
	 * Connects to the chat and reads the greeting, the welcome and who is here.
	 */
	public static ChatUser join(int port) {
		return join("127.0.0.1", port);
	}

	/**
	 * Connects to the chat from a given local address and reads the greeting, the welcome
	 * and who is here.
	 */
	public static ChatUser join(String from, int port) {
		return greeted(LineClient.connectFrom(from, port));
	}

	/**
	 * Reads the greeting, the welcome and who is here on a connection to the chat made
	 * already, e.g. over TLS.
	 */
	public static ChatUser greeted(LineClient client) {
		assertThat(client.readLine()).isEqualTo("* Welcome to chat.");
		Matcher welcome = WELCOME.matcher(client.readLine());
		assertThat(welcome.matches()).isTrue();
		return new ChatUser(client, welcome.group(1), recalled(client));
	}

	/**
	 * Reads what a user is told of a room it came into, up to who is there.
	 * @return the room's topic and history, which come before who is here
	 */
	private static List<String> recalled(LineClient client) {
		List<String> recalled = new ArrayList<>();
		for (String line = client.readLine(); !PRESENCE.matcher(line).matches(); line = client.readLine()) {
			assertThat(recalled).as("lines before who is here").hasSizeLessThan(1100);
			recalled.add(line);
		}
		return List.copyOf(recalled);
	}

	/**
	 * Leaves this room for another, skipping what comes before the user's own arrival.
	 * @param room the room, without its {@code #}
	 * @return what the user is told of the room before who is there: its topic and
	 * history
	 */
	public List<String> joinRoom(String room) {
		say("/join " + room);
		this.client.readLineStartingWith("* You joined #" + room.toLowerCase() + ".");
		return recalled(this.client);
	}

	/**
	 * Takes a nickname, skipping what comes before the answer (others' comings and goings
	 * in the room).
	 * @return the user under its new nickname
	 */
	public ChatUser renamed(String nickname) {
		say("/nick " + nickname);
		this.client.readLineStartingWith("* " + this.nickname + " is now known as " + nickname);
		return new ChatUser(this.client, nickname, this.recalled);
	}

	public ChatUser say(String line) {
		this.client.send(line);
		return this;
	}

	public String read() {
		return this.client.readLine();
	}

	/**
	 * Asks {@code /who} and returns the answer, proving nothing else was pending for this
	 * user.
	 */
	public String who() {
		return say("/who").read();
	}

	@Override
	public void close() {
		this.client.close();
	}

}
