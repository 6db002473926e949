package dev.sockets.observability;

import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import dev.sockets.listener.Listeners;
import dev.sockets.support.Actuator;
import dev.sockets.support.ChatUser;
import dev.sockets.support.DatagramClient;
import dev.sockets.support.LineClient;
import dev.sockets.support.Scrape;
import dev.sockets.support.SocketsTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SocketsEndpointTest {

	private static final Pattern NICKNAME = Pattern.compile("\\* You are (\\S+) in");

	private static String join(LineClient client) {
		client.readLine();
		Matcher welcome = NICKNAME.matcher(client.readLine());
		assertThat(welcome.find()).isTrue();
		client.readLine();
		return welcome.group(1);
	}

	@Nested
	@SocketsTest
	@TestPropertySource(properties = { "management.endpoints.web.exposure.include=health,sockets",
			"management.endpoint.sockets.access=unrestricted" })
	class Unrestricted {

		@Autowired
		Listeners listeners;

		@LocalManagementPort
		int managementPort;

		@Test
		void listsListenersAndLiveConnectionsWithTheirChatPresence() {
			Actuator actuator = new Actuator(this.managementPort);
			try (LineClient client = LineClient.connect(this.listeners.port("chat-tcp"))) {
				String nickname = join(client);
				String body = actuator.get("/actuator/sockets").body();
				assertThat(body).contains("\"service\":\"echo\",\"protocol\":\"udp\"", "\"state\":\"serving\"",
						"\"port\":" + this.listeners.port("chat-tcp"));
				assertThat(body).containsPattern(
						"\\{\"id\":\"chat-tcp-\\d+\",\"listener\":\"chat-tcp\",\"service\":\"chat\",\"protocol\":\"tcp\","
								+ "\"remoteAddress\":\"127\\.0\\.0\\.1:\\d+\",\"openedAt\":\"[^\"]+\",\"bytesIn\":0,"
								+ "\"bytesOut\":\\d+,\"lastActivity\":\"[^\"]+\",\"nickname\":\"" + nickname
								+ "\",\"room\":\"#lobby\"\\}");
			}
		}

		@Test
		void deleteClosesTheConnectionAndTheClientSeesTheClose() {
			Actuator actuator = new Actuator(this.managementPort);
			int chat = this.listeners.port("chat-tcp");
			try (LineClient watcher = LineClient.connect(chat)) {
				join(watcher);
				LineClient target = LineClient.connect(chat);
				String nickname = join(target);
				watcher.readLineStartingWith("* " + nickname + " joined");
				Matcher id = Pattern.compile("\"id\":\"(chat-tcp-\\d+)\",[^}]*\"nickname\":\"" + nickname + "\"")
					.matcher(actuator.get("/actuator/sockets").body());
				assertThat(id.find()).isTrue();
				assertThat(actuator.delete("/actuator/sockets/" + id.group(1)).status()).isEqualTo(204);
				target.assertClosedByServer();
				assertThat(watcher.readLine()).isEqualTo("* " + nickname + " is offline (closed by operator)");
				assertThat(actuator.get("/actuator/sockets/" + id.group(1)).status()).isEqualTo(404);
				assertThat(actuator.delete("/actuator/sockets/" + id.group(1)).status()).isEqualTo(404);
				target.close();
			}
		}

	}

	@Nested
	@SocketsTest
	@DirtiesContext
	@TestPropertySource(properties = { "management.endpoints.web.exposure.include=health,prometheus,sockets",
			"management.endpoint.sockets.access=unrestricted", "sockets.listeners.chat-two.service=chat",
			"sockets.listeners.chat-two.port=0", "sockets.listeners.chat-two.connection-rate-per-source=0" })
	class Controls {

		private static final String[] ECHO_TCP = { "listener", "echo-tcp" };

		private static final String[] CHAT_TCP = { "listener", "chat-tcp" };

		@Autowired
		Listeners listeners;

		@LocalManagementPort
		int managementPort;

		private Actuator actuator() {
			return new Actuator(this.managementPort);
		}

		private Actuator.Response change(String listener, String json) {
			return actuator().post("/actuator/sockets/listeners/" + listener, json);
		}

		private static String[] with(String[] base, String... more) {
			String[] all = new String[base.length + more.length];
			System.arraycopy(base, 0, all, 0, base.length);
			System.arraycopy(more, 0, all, base.length, more.length);
			return all;
		}

		private void assertRefused(int port) {
			assertThatThrownBy(() -> LineClient.connect(port)).hasRootCauseInstanceOf(ConnectException.class);
		}

		@Test
		void pausingRefusesNewConnectionsWhileOpenOnesGoOnUntilResumed() {
			int echo = this.listeners.port("echo-tcp");
			try (LineClient open = LineClient.connect(echo)) {
				assertThat(open.send("before").readLine()).isEqualTo("before");
				Actuator.Response paused = change("echo-tcp", "{\"state\":\"paused\",\"reason\":\"maintenance\"}");
				try {
					assertThat(paused.status()).isEqualTo(200);
					assertThat(paused.body()).contains("\"name\":\"echo-tcp\"", "\"state\":\"paused\"",
							"\"reason\":\"maintenance\"", "\"since\":", "\"activeConnections\":1");
					assertRefused(echo);
					assertThat(open.send("still served").readLine()).isEqualTo("still served");
					Actuator.Response health = actuator().get("/actuator/health/listeners/echo-tcp");
					assertThat(health.status()).isEqualTo(503);
					assertThat(health.body()).contains("\"status\":\"OUT_OF_SERVICE\"", "\"state\":\"paused\"",
							"\"reason\":\"maintenance\"");
					assertThat(actuator().get("/actuator/health/readiness").status()).isEqualTo(503);
					assertThat(actuator().get("/actuator/health/liveness").status()).isEqualTo(200);
					Scrape scrape = actuator().scrape();
					assertThat(scrape.value("sockets_listener_up", ECHO_TCP)).isZero();
					assertThat(scrape.value("sockets_listener_state", with(ECHO_TCP, "state", "paused"))).isEqualTo(1);
				}
				finally {
					Actuator.Response resumed = change("echo-tcp", "{\"state\":\"serving\"}");
					assertThat(resumed.status()).isEqualTo(200);
					assertThat(resumed.body()).contains("\"state\":\"serving\"").doesNotContain("reason");
				}
				try (LineClient again = LineClient.connect(echo)) {
					assertThat(again.send("after").readLine()).isEqualTo("after");
				}
				assertThat(open.send("throughout").readLine()).isEqualTo("throughout");
			}
			assertThat(actuator().get("/actuator/health/readiness").status()).isEqualTo(200);
			Scrape scrape = actuator().scrape();
			assertThat(scrape.value("sockets_listener_up", ECHO_TCP)).isEqualTo(1);
			assertThat(scrape.value("sockets_listener_state", with(ECHO_TCP, "state", "serving"))).isEqualTo(1);
		}

		@Test
		void drainingTellsChatUsersToReconnectThenClosesTheirConnections() {
			int chat = this.listeners.port("chat-tcp");
			try (ChatUser elsewhere = ChatUser.join(this.listeners.port("chat-two"))) {
				ChatUser alice = ChatUser.join(chat);
				elsewhere.client().readLineStartingWith("* " + alice.nickname() + " joined");
				ChatUser bob = ChatUser.join(chat);
				elsewhere.client().readLineStartingWith("* " + bob.nickname() + " joined");
				alice.client().readLineStartingWith("* " + bob.nickname() + " joined");
				Scrape before = actuator().scrape();
				Actuator.Response draining = change("chat-tcp",
						"{\"state\":\"draining\",\"reason\":\"moving to another node\"}");
				try {
					assertThat(draining.status()).isEqualTo(200);
					assertThat(draining.body()).contains("\"state\":\"draining\"",
							"\"reason\":\"moving to another node\"");
					for (ChatUser drained : new ChatUser[] { alice, bob }) {
						assertThat(drained.read()).isEqualTo("* this server is draining: reconnect to go on");
						drained.client().assertClosedByServer();
						drained.close();
					}
					// The rest of the chat hears they left, and why.
					assertThat(elsewhere.read()).isEqualTo("* " + alice.nickname() + " is offline (server draining)");
					assertThat(elsewhere.read()).isEqualTo("* " + bob.nickname() + " is offline (server draining)");
					assertRefused(chat);
					actuator().awaitIncrease(before, "sockets_connections_closed_total", 2,
							with(CHAT_TCP, "reason", "draining"));
					Scrape after = actuator().scrape();
					// Nobody being drained was written the others' departures.
					assertThat(
							after.value("sockets_chat_deliveries_dropped_total", with(CHAT_TCP, "reason", "departed")))
						.isEqualTo(before.value("sockets_chat_deliveries_dropped_total",
								with(CHAT_TCP, "reason", "departed")));
					assertThat(after.value("sockets_listener_state", with(CHAT_TCP, "state", "draining"))).isEqualTo(1);
					assertThat(after.value("sockets_listener_up", CHAT_TCP)).isZero();
					Actuator.Response health = actuator().get("/actuator/health/listeners/chat-tcp");
					assertThat(health.body()).contains("\"status\":\"OUT_OF_SERVICE\"", "\"state\":\"draining\"",
							"\"reason\":\"moving to another node\"", "\"connections\":0");
					assertThat(actuator().get("/actuator/health/readiness").status()).isEqualTo(503);
					assertThat(elsewhere.who()).isEqualTo("* In #lobby: " + elsewhere.nickname());
				}
				finally {
					assertThat(change("chat-tcp", "{\"state\":\"serving\"}").status()).isEqualTo(200);
				}
				try (ChatUser back = ChatUser.join(chat)) {
					assertThat(elsewhere.client().readLine()).isEqualTo("* " + back.nickname() + " joined #lobby");
				}
			}
			assertThat(actuator().get("/actuator/health/readiness").status()).isEqualTo(200);
		}

		@Test
		void aPausedUdpListenerAnswersNothingUntilResumed() {
			int udp = this.listeners.port("echo-udp");
			assertThat(change("echo-udp", "{\"state\":\"paused\"}").body()).contains("\"state\":\"paused\"",
					"\"reason\":\"paused by operator\"");
			try (DatagramClient client = new DatagramClient(udp)) {
				client.timeout(500);
				assertThat(client.send("anyone?".getBytes(StandardCharsets.US_ASCII)).receive()).isEmpty();
				assertThat(actuator().get("/actuator/health/listeners/echo-udp").body())
					.contains("\"status\":\"OUT_OF_SERVICE\"");
			}
			finally {
				assertThat(change("echo-udp", "{\"state\":\"serving\"}").status()).isEqualTo(200);
			}
			try (DatagramClient client = new DatagramClient(udp)) {
				assertThat(client.send("back".getBytes(StandardCharsets.US_ASCII)).receive()).isPresent();
			}
		}

		@Test
		void aListenerCanBeReadByName() {
			Actuator.Response listener = actuator().get("/actuator/sockets/listeners/time-udp");
			assertThat(listener.status()).isEqualTo(200);
			assertThat(listener.body()).contains("\"name\":\"time-udp\"", "\"state\":\"serving\"");
			assertThat(actuator().get("/actuator/sockets/listeners/nope").status()).isEqualTo(404);
		}

		@Test
		void unknownListenersAndStatesThatCannotBeAskedForAreRefused() {
			assertThat(change("nope", "{\"state\":\"paused\"}").status()).isEqualTo(404);
			assertThat(change("echo-tcp", "{\"state\":\"stopped\"}").status()).isEqualTo(400);
			assertThat(change("echo-tcp", "{\"state\":\"asleep\"}").status()).isEqualTo(400);
			assertThat(change("echo-tcp", "{}").status()).isEqualTo(400);
			assertThat(actuator().post("/actuator/sockets/connections/echo-tcp", "{\"state\":\"paused\"}").status())
				.isEqualTo(404);
			assertThat(actuator().scrape().value("sockets_listener_up", ECHO_TCP)).isEqualTo(1);
		}

	}

	@Nested
	@SocketsTest
	@TestPropertySource(properties = "management.endpoints.web.exposure.include=health,sockets")
	class ReadOnlyByDefault {

		@Autowired
		Listeners listeners;

		@LocalManagementPort
		int managementPort;

		@Test
		void connectionsCanBeListedButNotClosed() {
			Actuator actuator = new Actuator(this.managementPort);
			try (LineClient client = LineClient.connect(this.listeners.port("echo-tcp"))) {
				client.send("here").readLine();
				Matcher id = Pattern.compile("\"id\":\"(echo-tcp-\\d+)\"")
					.matcher(actuator.get("/actuator/sockets").body());
				assertThat(id.find()).isTrue();
				assertThat(actuator.delete("/actuator/sockets/" + id.group(1)).status()).isBetween(400, 499);
				assertThat(actuator.post("/actuator/sockets/listeners/echo-tcp", "{\"state\":\"paused\"}").status())
					.isBetween(400, 499);
				assertThat(client.send("still here").readLine()).isEqualTo("still here");
				try (LineClient another = LineClient.connect(this.listeners.port("echo-tcp"))) {
					assertThat(another.send("and here").readLine()).isEqualTo("and here");
				}
			}
		}

	}

}
