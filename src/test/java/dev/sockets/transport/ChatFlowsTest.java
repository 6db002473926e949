package dev.sockets.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.context.TestPropertySource;

import dev.sockets.support.Actuator;
import dev.sockets.support.LineClient;
import dev.sockets.support.Scrape;
import dev.sockets.support.SocketsTest;

import static org.assertj.core.api.Assertions.assertThat;

class ChatFlowsTest {

	private static final Pattern WELCOME = Pattern.compile("\\* You are (\\S+) in #lobby\\. Type /help for commands\\.");

	/**
	 * A chat user: connected, greeted, and named.
	 */
	record User(LineClient client, String nickname) implements AutoCloseable {

		static User join(int port) {
			LineClient client = LineClient.connect(port);
			assertThat(client.readLine()).isEqualTo("* Welcome to chat.");
			Matcher welcome = WELCOME.matcher(client.readLine());
			assertThat(welcome.matches()).isTrue();
			String presence = client.readLine();
			assertThat(presence).matches("\\* (Also here: .*|Nobody else is here yet\\.)");
			return new User(client, welcome.group(1));
		}

		User say(String line) {
			this.client.send(line);
			return this;
		}

		String read() {
			return this.client.readLine();
		}

		/**
		 * Asks {@code /who} and returns the answer, proving nothing else was pending for this user.
		 */
		String who() {
			return say("/who").read();
		}

		@Override
		public void close() {
			this.client.close();
		}

	}

	@Nested
	@SocketsTest
	class ThreeUsers {

		@Autowired
		Listeners listeners;

		private User join() {
			return User.join(this.listeners.port("chat", Protocol.TCP));
		}

		@Test
		void joinsMessagesAndDeparturesReachEveryoneElse() {
			try (User a = join(); User b = join()) {
				assertThat(a.read()).isEqualTo("* " + b.nickname() + " joined #lobby");
				User c = join();
				assertThat(a.read()).isEqualTo("* " + c.nickname() + " joined #lobby");
				assertThat(b.read()).isEqualTo("* " + c.nickname() + " joined #lobby");

				a.say("hello everyone");
				assertThat(b.read()).isEqualTo("<" + a.nickname() + "> hello everyone");
				assertThat(c.read()).isEqualTo("<" + a.nickname() + "> hello everyone");
				// Not back to the sender: the next thing it hears is the answer to /who.
				assertThat(a.who()).startsWith("* In #lobby: ");

				c.client().close();
				assertThat(a.read()).isEqualTo("* " + c.nickname() + " is offline (connection closed)");
				assertThat(b.read()).isEqualTo("* " + c.nickname() + " is offline (connection closed)");
			}
		}

		@Test
		void aResetConnectionIsAnnouncedAsLost() {
			try (User a = join(); User b = join()) {
				a.read();
				b.client().reset();
				assertThat(a.read()).isEqualTo("* " + b.nickname() + " is offline (connection lost)");
			}
		}

		@Test
		void nicknamesRoomsAndPrivateMessages() {
			try (User a = join(); User b = join(); User c = join()) {
				a.read();
				a.read();
				b.read();
				String alice = "alice" + System.nanoTime() % 100_000;
				a.say("/nick " + alice);
				assertThat(a.read()).isEqualTo("* " + a.nickname() + " is now known as " + alice);
				assertThat(b.read()).isEqualTo("* " + a.nickname() + " is now known as " + alice);
				assertThat(c.read()).isEqualTo("* " + a.nickname() + " is now known as " + alice);

				b.say("/nick " + alice.toUpperCase());
				assertThat(b.read()).isEqualTo("ERR nickname " + alice.toUpperCase() + " is taken");
				b.say("/nick 42");
				assertThat(b.read()).startsWith("ERR nickname must be");

				b.say("/msg " + alice + " just between us");
				assertThat(a.read()).isEqualTo("*" + b.nickname() + "* just between us");
				assertThat(b.read()).isEqualTo("-> *" + alice + "* just between us");
				assertThat(c.who()).startsWith("* In #lobby: ");

				c.say("/join Backroom");
				assertThat(c.read()).isEqualTo("* You joined #backroom.");
				assertThat(c.read()).isEqualTo("* Nobody else is here yet.");
				assertThat(a.read()).isEqualTo("* " + c.nickname() + " left #lobby for #backroom");
				assertThat(b.read()).isEqualTo("* " + c.nickname() + " left #lobby for #backroom");
				assertThat(c.say("/rooms").read()).contains("#backroom (1)").contains("#lobby (");
				assertThat(c.who()).isEqualTo("* In #backroom: " + c.nickname());

				a.say("lobby only");
				assertThat(b.read()).isEqualTo("<" + alice + "> lobby only");
				assertThat(c.who()).isEqualTo("* In #backroom: " + c.nickname());
			}
		}

		@Test
		void quitSaysByeClosesAndTellsTheRoom() {
			try (User a = join(); User b = join()) {
				a.read();
				b.say("/quit see you");
				assertThat(b.read()).isEqualTo("* Bye.");
				b.client().assertClosedByServer();
				assertThat(a.read()).isEqualTo("* " + b.nickname() + " left #lobby (quit: see you)");
			}
		}

		@Test
		void errorsNameWhatWasWrong() {
			try (User a = join()) {
				assertThat(a.say("/fly").read()).isEqualTo("ERR unknown command /fly; type /help for the list");
				assertThat(a.say("/msg").read()).isEqualTo("ERR usage: /msg NICK text");
				assertThat(a.say("/msg nobody-here hi").read()).isEqualTo("ERR no such nickname: nobody-here");
				assertThat(a.say("/join bad!room").read()).startsWith("ERR room name must be");
			}
		}

		@Test
		void controlCharactersAreNeverRelayedRaw() {
			try (User a = join(); User b = join()) {
				a.read();
				a.client().sendBytes("bell\u0007 and \u001b[31mred\n".getBytes(StandardCharsets.UTF_8));
				assertThat(b.read()).isEqualTo("<" + a.nickname() + "> bell\\007 and \\033[31mred");
			}
		}

	}

	@Nested
	@SocketsTest
	@TestPropertySource(properties = { "sockets.chat.tcp.max-pending-output=16KB",
			"sockets.chat.flood.messages-per-second=1000000", "sockets.chat.flood.message-burst=1000000",
			"sockets.chat.flood.bytes-per-second=1GB", "sockets.chat.flood.byte-burst=1GB" })
	class StalledReader {

		@Autowired
		Listeners listeners;

		@LocalManagementPort
		int managementPort;

		@Test
		void aClientThatStopsReadingIsDroppedAndTheRoomGoesOn() throws IOException {
			int port = this.listeners.port("chat", Protocol.TCP);
			try (User talker = User.join(port); User reader = User.join(port); Socket stalled = new Socket()) {
				talker.read();
				stalled.setReceiveBufferSize(4096);
				stalled.connect(new InetSocketAddress("127.0.0.1", port));
				assertThat(talker.read()).endsWith(" joined #lobby");
				assertThat(reader.read()).endsWith(" joined #lobby");

				String line = "x".repeat(1000);
				String dropped = null;
				for (int batch = 0; batch < 100 && dropped == null; batch++) {
					StringBuilder lines = new StringBuilder();
					for (int i = 0; i < 100; i++) {
						lines.append(batch).append('.').append(i).append(' ').append(line).append('\n');
					}
					talker.client().sendBytes(lines.toString().getBytes(StandardCharsets.US_ASCII));
					// The reader hears every line, in order, whatever happens to the stalled client.
					for (int i = 0; i < 100; i++) {
						String heard = reader.read();
						if (heard.endsWith("is offline (too slow reading)")) {
							dropped = heard;
							heard = reader.read();
						}
						assertThat(heard).isEqualTo("<" + talker.nickname() + "> " + batch + "." + i + " " + line);
					}
				}
				assertThat(dropped).as("the stalled reader was dropped").isNotNull();
				assertThat(talker.read()).isEqualTo(dropped);
				assertThat(talker.say("still talking").who()).doesNotContain("still talking");
				assertThat(reader.read()).isEqualTo("<" + talker.nickname() + "> still talking");
				Scrape scrape = new Actuator(this.managementPort).scrape();
				assertThat(scrape.value("sockets_chat_deliveries_dropped_total", "service", "chat", "reason",
						"slow_reader")).isEqualTo(1);
				assertThat(scrape.value("sockets_connections_closed_total", "service", "chat", "reason",
						"slow_reader")).isEqualTo(1);
			}
		}

	}

}
