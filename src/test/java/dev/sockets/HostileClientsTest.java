package dev.sockets;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import dev.sockets.echo.EchoService;
import dev.sockets.listener.Listeners;
import dev.sockets.support.Actuator;
import dev.sockets.support.ChatUser;
import dev.sockets.support.DatagramClient;
import dev.sockets.support.LineClient;
import dev.sockets.support.Scrape;
import dev.sockets.support.SocketsTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willReturn;

/**
 * Clients that mean harm, or are merely broken, over real sockets. Every case checks what
 * the hostile client sees, that the metric counting it moved, and that a fresh client is
 * served as usual afterwards.
 */
class HostileClientsTest {

	private static String[] labels(String service, String protocol, String... more) {
		List<String> all = new ArrayList<>(List.of("service", service, "protocol", protocol));
		all.addAll(List.of(more));
		return all.toArray(String[]::new);
	}

	/**
	 * A base for each case's own service: its listeners, its actuator, and a fresh echo
	 * client's check.
	 */
	abstract static class Case {

		@Autowired
		Listeners listeners;

		@LocalManagementPort
		int managementPort;

		int port(String listener) {
			return this.listeners.port(listener);
		}

		Actuator actuator() {
			return new Actuator(this.managementPort);
		}

		/**
		 * A new client, from a given address, is echoed as usual.
		 */
		void assertEchoServes(String from) {
			try (LineClient fresh = LineClient.connectFrom(from, port("echo-tcp"))) {
				String greeting = greeting();
				if (greeting != null) {
					assertThat(fresh.readLine()).isEqualTo(greeting);
				}
				assertThat(fresh.send("still served").readLine()).isEqualTo("still served");
			}
		}

		void assertEchoServes() {
			assertEchoServes("127.0.0.1");
		}

		/**
		 * @return the line echo greets with in this case, or null
		 */
		String greeting() {
			return null;
		}

	}

	@Nested
	@SocketsTest
	class Garbage extends Case {

		@Test
		void aMebibyteLineIsRefusedAndReadToTheEndWithoutBufferingIt() {
			Scrape before = actuator().scrape();
			try (LineClient client = LineClient.connect(port("echo-tcp"))) {
				byte[] line = new byte[1 << 20];
				Arrays.fill(line, (byte) 'x');
				line[line.length - 1] = '\n';
				client.sendBytes(line);
				assertThat(client.readLine()).isEqualTo("ERR line too long (max 8192 bytes)");
				client.assertClosedByServer();
			}
			actuator().awaitIncrease(before, "sockets_errors_total", 1, labels("echo", "tcp", "kind", "framing"));
			assertThat(actuator().scrape()
				.value("sockets_connections_closed_total", labels("echo", "tcp", "reason", "line_too_long")))
				.isEqualTo(before.value("sockets_connections_closed_total",
						labels("echo", "tcp", "reason", "line_too_long")) + 1);
			assertEchoServes();
		}

		@Test
		void nulAndBinaryBytesAreEchoedAndCountedAsMalformed() {
			Scrape before = actuator().scrape();
			try (LineClient client = LineClient.connect(port("echo-tcp"))) {
				client.sendBytes(new byte[] { 0, 1, 2, 'a', (byte) 0x80, (byte) 0xFE, (byte) 0xFF, 0x7F, '\n' });
				assertThat(client.readLine()).isEqualTo("\u0000\u0001\u0002a\uFFFD\uFFFD\uFFFD\u007F");
				assertThat(client.send("and on").readLine()).isEqualTo("and on");
			}
			actuator().awaitIncrease(before, "sockets_messages_malformed_total", 1, labels("echo", "tcp"));
			assertEchoServes();
		}

		@Test
		void invalidUtf8IsReplacedNotRejectedAndCounted() {
			Scrape before = actuator().scrape();
			try (LineClient client = LineClient.connect(port("echo-tcp"))) {
				// An overlong encoding of '/', a lone continuation byte, a truncated
				// sequence, a surrogate.
				client.sendBytes(new byte[] { (byte) 0xC0, (byte) 0xAF, ' ', (byte) 0x80, ' ', (byte) 0xE2, (byte) 0x82,
						' ', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '\n' });
				assertThat(client.readLine()).matches("\uFFFD+ \uFFFD+ \uFFFD+ \uFFFD+");
				// Valid UTF-8, a replacement character included, is not counted.
				client.send("naïve \uFFFD");
				assertThat(client.readLine()).isEqualTo("naïve \uFFFD");
			}
			actuator().awaitIncrease(before, "sockets_messages_malformed_total", 1, labels("echo", "tcp"));
			assertEchoServes();
		}

		@Test
		void chatNeverRelaysControlBytesRaw() {
			int port = port("chat-tcp");
			Scrape before = actuator().scrape();
			try (ChatUser sender = ChatUser.join(port); ChatUser listener = ChatUser.join(port)) {
				sender.read();
				sender.client().sendBytes(new byte[] { 'a', 0, 'b', 7, 'c', 0x1B, '[', '2', 'J', (byte) 0xFF, '\n' });
				assertThat(listener.read()).isEqualTo("<" + sender.nickname() + "> a\\000b\\007c\\033[2J\uFFFD");
			}
			actuator().awaitIncrease(before, "sockets_messages_malformed_total", 1,
					labels("chat", "tcp", "listener", "chat-tcp"));
			try (ChatUser fresh = ChatUser.join(port)) {
				assertThat(fresh.who()).startsWith("* In #lobby: ");
			}
		}

		@Test
		void aTelnetSubnegotiationThatNeverEndsIsCutAtTheLineLimit() {
			Scrape before = actuator().scrape();
			try (LineClient client = LineClient.connect(port("echo-tcp"))) {
				// IAC SB TERMINAL-TYPE, then never IAC SE.
				client.sendBytes(new byte[] { (byte) 255, (byte) 250, 24 });
				client.sendBytes(("x".repeat(9000) + "\n").getBytes(StandardCharsets.US_ASCII));
				// IAC DO BINARY: the server heard telnet.
				assertThat(client.readBytes(3)).isEqualTo(new byte[] { (byte) 255, (byte) 253, 0 });
				assertThat(client.readLine()).isEqualTo("ERR line too long (max 8192 bytes)");
				client.assertClosedByServer();
			}
			actuator().awaitIncrease(before, "sockets_errors_total", 1, labels("echo", "tcp", "kind", "framing"));
			assertThat(
					actuator().scrape().value("sockets_telnet_commands_total", labels("echo", "tcp", "command", "sb")))
				.isEqualTo(before.value("sockets_telnet_commands_total", labels("echo", "tcp", "command", "sb")) + 1);
			assertEchoServes();
		}

		@Test
		void resetsMidLineCostNothingButTheirOwnConnections() {
			Scrape before = actuator().scrape();
			try (LineClient watcher = LineClient.connect(port("echo-tcp"))) {
				assertThat(watcher.send("before").readLine()).isEqualTo("before");
				for (int i = 0; i < 20; i++) {
					LineClient rude = LineClient.connect(port("echo-tcp"));
					rude.sendBytes("half a li".getBytes(StandardCharsets.US_ASCII));
					rude.reset();
				}
				actuator().awaitIncrease(before, "sockets_errors_total", 20, labels("echo", "tcp", "kind", "io"));
				assertThat(watcher.send("after").readLine()).isEqualTo("after");
			}
			actuator().awaitIncrease(before, "sockets_connections_closed_total", 20,
					labels("echo", "tcp", "reason", "reset"));
			assertEchoServes();
		}

		@Test
		void aChatFloodIsToldToSlowDownThenDisconnected() {
			int port = port("chat-tcp");
			Scrape before = actuator().scrape();
			try (ChatUser flooder = ChatUser.join(port); ChatUser bystander = ChatUser.join(port)) {
				flooder.read();
				StringBuilder flood = new StringBuilder();
				for (int i = 0; i < 100; i++) {
					flood.append("spam ").append(i).append('\n');
				}
				flooder.client().sendBytes(flood.toString().getBytes(StandardCharsets.US_ASCII));
				List<String> heard = new ArrayList<>();
				String line;
				while (!(line = bystander.read()).startsWith("* ")) {
					heard.add(line);
				}
				assertThat(line).isEqualTo("* " + flooder.nickname() + " is offline (flooding)");
				// The burst of 10, and a line or two more if a pause on a busy machine
				// lets the bucket refill.
				assertThat(heard).hasSizeBetween(10, 15).first().isEqualTo("<" + flooder.nickname() + "> spam 0");
				List<String> flooderSaw = new ArrayList<>();
				while (!(line = flooder.read()).startsWith("ERR flooding")) {
					flooderSaw.add(line);
				}
				assertThat(flooderSaw).contains("ERR slow down");
				assertThat(line).isEqualTo("ERR flooding: disconnected");
				flooder.client().assertClosedByServer();
			}
			Scrape after = actuator().scrape();
			assertThat(after.value("sockets_chat_flood_disconnects_total"))
				.isEqualTo(before.value("sockets_chat_flood_disconnects_total") + 1);
			assertThat(after.value("sockets_chat_flood_dropped_total"))
				.isGreaterThanOrEqualTo(before.value("sockets_chat_flood_dropped_total") + 20);
			try (ChatUser fresh = ChatUser.join(port)) {
				assertThat(fresh.say("/nick polite").read()).endsWith(" is now known as polite");
			}
		}

	}

	@Nested
	@SocketsTest
	@TestPropertySource(properties = { "sockets.echo.tcp.max-connections=500", "sockets.echo.greeting=hello" })
	class ConnectionFlood extends Case {

		@Override
		String greeting() {
			return "hello";
		}

		@Test
		void twoThousandConnectionsAgainstALimitOfFiveHundred() {
			Scrape before = actuator().scrape();
			List<LineClient> clients = new ArrayList<>();
			int greeted = 0;
			int refused = 0;
			try {
				for (int i = 0; i < 2000; i++) {
					clients.add(LineClient.connect(port("echo-tcp")));
				}
				for (LineClient client : clients) {
					String first = client.readLine();
					if (first.equals("hello")) {
						greeted++;
					}
					else {
						assertThat(first).isEqualTo("ERR too many connections (max 500)");
						client.assertClosedByServer();
						refused++;
					}
				}
				assertThat(greeted).isEqualTo(500);
				assertThat(refused).isEqualTo(1500);
				Scrape during = actuator().scrape();
				assertThat(during.value("sockets_connections_active", labels("echo", "tcp"))).isEqualTo(500);
				assertThat(during.value("sockets_connections_rejected_total", labels("echo", "tcp", "reason", "limit")))
					.isEqualTo(
							before.value("sockets_connections_rejected_total", labels("echo", "tcp", "reason", "limit"))
									+ 1500);
			}
			finally {
				clients.forEach(LineClient::close);
			}
			actuator().awaitValue("sockets_connections_active", 0, labels("echo", "tcp"));
			assertEchoServes();
		}

	}

	@Nested
	@SocketsTest
	@TestPropertySource(properties = { "sockets.echo.tcp.max-connections-per-source=3",
			"sockets.time.tcp.connection-rate-per-source=5", "sockets.echo.greeting=hello" })
	class PerSource extends Case {

		@Override
		String greeting() {
			return "hello";
		}

		@Test
		void oneAddressCannotHoldMoreThanItsShare() {
			Scrape before = actuator().scrape();
			int port = port("echo-tcp");
			try (LineClient a = LineClient.connect(port);
					LineClient b = LineClient.connect(port);
					LineClient c = LineClient.connect(port);
					LineClient d = LineClient.connect(port)) {
				// Connections are accepted on several I/O threads: any one of the four
				// may be the fourth.
				List<String> firstLines = new ArrayList<>();
				for (LineClient client : List.of(a, b, c, d)) {
					firstLines.add(client.readLine());
				}
				assertThat(firstLines).containsExactlyInAnyOrder("hello", "hello", "hello",
						"ERR too many connections from your address (max 3)");
				// Another address is not held back by this one.
				assertEchoServes("127.0.0.2");
			}
			actuator().awaitIncrease(before, "sockets_connections_rejected_total", 1,
					labels("echo", "tcp", "reason", "per_source"));
			actuator().awaitValue("sockets_connections_active", 0, labels("echo", "tcp"));
			assertEchoServes();
		}

		@Test
		void oneAddressCannotOpenConnectionsFasterThanItsRate() {
			Scrape before = actuator().scrape();
			int port = port("time-tcp");
			int served = 0;
			int refused = 0;
			for (int i = 0; i < 30; i++) {
				try (LineClient client = LineClient.connect(port)) {
					String line = client.readLine();
					if (line.startsWith("ERR ")) {
						assertThat(line).isEqualTo("ERR too many new connections from your address (max 5 per second)");
						refused++;
					}
					else {
						served++;
					}
				}
			}
			// A burst of twice the rate, then about five a second.
			assertThat(served).isGreaterThanOrEqualTo(10);
			assertThat(refused).isPositive();
			actuator().awaitIncrease(before, "sockets_connections_rejected_total", refused,
					labels("time", "tcp", "reason", "rate"));
			try (LineClient other = LineClient.connectFrom("127.0.0.2", port)) {
				assertThat(other.readLine()).doesNotStartWith("ERR");
			}
		}

	}

	@Nested
	@SocketsTest
	@TestPropertySource(properties = "sockets.echo.tcp.idle-timeout=2s")
	class Slowloris extends Case {

		@Test
		void oneByteASecondTimesOutLikeSilence() {
			Scrape before = actuator().scrape();
			ScheduledExecutorService dribble = Executors.newSingleThreadScheduledExecutor();
			try (LineClient loris = LineClient.connect(port("echo-tcp"))) {
				long start = System.nanoTime();
				AtomicInteger sent = new AtomicInteger();
				// Sending fails once the server has closed, which ends the schedule.
				dribble.scheduleAtFixedRate(() -> {
					loris.sendBytes(new byte[] { 'a' });
					sent.incrementAndGet();
				}, 0, 1, TimeUnit.SECONDS);
				assertThat(loris.readLine()).isEqualTo("ERR idle timeout (nothing received for 2 s)");
				Duration open = Duration.ofNanos(System.nanoTime() - start);
				assertThat(sent.get()).as("bytes sent while open").isGreaterThanOrEqualTo(2);
				assertThat(open).isBetween(Duration.ofMillis(1500), Duration.ofSeconds(5));
			}
			finally {
				dribble.shutdownNow();
			}
			actuator().awaitIncrease(before, "sockets_errors_total", 1, labels("echo", "tcp", "kind", "timeout"));
			actuator().awaitIncrease(before, "sockets_connections_closed_total", 1,
					labels("echo", "tcp", "reason", "idle"));
			assertEchoServes();
		}

		@Test
		void aSilentClientOfAPausedListenerStillTimesOut() {
			try (LineClient silent = LineClient.connect(port("echo-tcp"))) {
				assertThat(silent.send("before the pause").readLine()).isEqualTo("before the pause");
				assertThat(this.listeners.pause("echo-tcp", "maintenance")).isPresent();
				try {
					assertThat(silent.readLine()).isEqualTo("ERR idle timeout (nothing received for 2 s)");
				}
				finally {
					this.listeners.resume("echo-tcp");
				}
			}
			assertEchoServes();
		}

	}

	@Nested
	@SocketsTest
	@TestPropertySource(properties = "sockets.chat.tcp.line-timeout=2s")
	class SlowlorisInChat extends Case {

		@Test
		void aLineNeverFinishedIsCutWhileAQuietUserStays() {
			int port = port("chat-tcp");
			Scrape before = actuator().scrape();
			ScheduledExecutorService dribble = Executors.newSingleThreadScheduledExecutor();
			try (ChatUser quiet = ChatUser.join(port); ChatUser loris = ChatUser.join(port)) {
				assertThat(quiet.read()).isEqualTo("* " + loris.nickname() + " joined #lobby");
				long start = System.nanoTime();
				dribble.scheduleAtFixedRate(() -> loris.client().sendBytes(new byte[] { 'a' }), 0, 500,
						TimeUnit.MILLISECONDS);
				assertThat(loris.read()).isEqualTo("ERR line not finished within 2 s");
				assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(1500),
						Duration.ofSeconds(5));
				loris.client().assertClosedByServer();
				// Silent all along, for longer than a line may take: still in the room.
				assertThat(quiet.read()).isEqualTo("* " + loris.nickname() + " is offline (line not finished)");
				assertThat(quiet.who()).isEqualTo("* In #lobby: " + quiet.nickname());
			}
			finally {
				dribble.shutdownNow();
			}
			actuator().awaitIncrease(before, "sockets_errors_total", 1,
					labels("chat", "tcp", "listener", "chat-tcp", "kind", "timeout"));
			actuator().awaitIncrease(before, "sockets_connections_closed_total", 1,
					labels("chat", "tcp", "listener", "chat-tcp", "reason", "unfinished_line"));
		}

	}

	@Nested
	@SocketsTest
	@TestPropertySource(properties = { "sockets.chat.tcp.max-pending-output=16KB",
			"sockets.chat.flood.messages-per-second=1000000", "sockets.chat.flood.message-burst=1000000",
			"sockets.chat.flood.bytes-per-second=1GB", "sockets.chat.flood.byte-burst=1GB" })
	class StalledChatReader extends Case {

		/**
		 * The longest any line may take to reach a reader that keeps reading, on a busy
		 * test machine.
		 */
		private static final Duration LATENCY_BUDGET = Duration.ofSeconds(1);

		@Test
		void aClientThatNeverReadsIsDroppedAndTheRoomNeverWaits() throws IOException {
			int port = port("chat-tcp");
			Scrape before = actuator().scrape();
			try (ChatUser talker = ChatUser.join(port);
					ChatUser reader = ChatUser.join(port);
					Socket stalled = new Socket()) {
				talker.read();
				stalled.setReceiveBufferSize(4096);
				stalled.connect(new InetSocketAddress("127.0.0.1", port));
				assertThat(talker.read()).endsWith(" joined #lobby");
				assertThat(reader.read()).endsWith(" joined #lobby");

				String padding = "x".repeat(1000);
				String dropped = null;
				long slowest = 0;
				for (int batch = 0; batch < 500 && dropped == null; batch++) {
					StringBuilder lines = new StringBuilder();
					for (int i = 0; i < 20; i++) {
						lines.append(batch)
							.append('.')
							.append(i)
							.append(' ')
							.append(System.nanoTime())
							.append(' ')
							.append(padding)
							.append('\n');
					}
					talker.client().sendBytes(lines.toString().getBytes(StandardCharsets.US_ASCII));
					// The reader hears every line, in order and in time, whatever happens
					// to the stalled client.
					for (int i = 0; i < 20; i++) {
						String heard = reader.read();
						if (heard.endsWith("is offline (too slow reading)")) {
							dropped = heard;
							heard = reader.read();
						}
						String[] words = heard.split(" ");
						assertThat(words[1]).isEqualTo(batch + "." + i);
						slowest = Math.max(slowest, System.nanoTime() - Long.parseLong(words[2]));
					}
				}
				assertThat(dropped).as("the stalled reader was dropped").isNotNull();
				assertThat(Duration.ofNanos(slowest)).as("slowest delivery").isLessThan(LATENCY_BUDGET);
				assertThat(talker.read()).isEqualTo(dropped);
				assertThat(talker.say("still talking").who()).doesNotContain("still talking");
				assertThat(reader.read()).isEqualTo("<" + talker.nickname() + "> still talking");
			}
			actuator().awaitIncrease(before, "sockets_chat_deliveries_dropped_total", 1,
					labels("chat", "tcp", "listener", "chat-tcp", "reason", "slow_reader"));
			actuator().awaitIncrease(before, "sockets_connections_closed_total", 1,
					labels("chat", "tcp", "listener", "chat-tcp", "reason", "slow_reader"));
			try (ChatUser fresh = ChatUser.join(port)) {
				assertThat(fresh.who()).startsWith("* In #lobby: ");
			}
		}

	}

	@Nested
	@SocketsTest
	@TestPropertySource(properties = { "sockets.echo.udp.rate-per-source=50", "sockets.time.udp.rate-per-source=50" })
	class UdpFlood extends Case {

		@Test
		void oneSourceFloodingGetsItsRateAndOthersAreStillAnswered() {
			int port = port("echo-udp");
			Scrape before = actuator().scrape();
			int answers = 0;
			long start = System.nanoTime();
			// An address of its own, so that no other test has taken from its bucket.
			try (DatagramClient flooder = new DatagramClient("127.0.0.4", port)) {
				for (int i = 0; i < 2000; i++) {
					flooder.send(("flood " + i).getBytes(StandardCharsets.US_ASCII));
				}
				flooder.timeout(300);
				while (flooder.receive().isPresent()) {
					answers++;
				}
				double seconds = (System.nanoTime() - start) / 1e9;
				// A burst of twice the rate, then the rate: never more, however hard the
				// source pushes.
				assertThat(answers).isBetween(100, 100 + (int) Math.ceil(50 * seconds));
				actuator().awaitIncrease(before, "sockets_datagrams_received_total", 2000, labels("echo", "udp"));
				actuator().awaitIncrease(before, "sockets_datagrams_answered_total", answers, labels("echo", "udp"));
				actuator().awaitIncrease(before, "sockets_datagrams_dropped_total", 2000 - answers,
						labels("echo", "udp", "reason", "rate_limited"));
				try (DatagramClient other = new DatagramClient("127.0.0.2", port)) {
					other.send("me too".getBytes(StandardCharsets.US_ASCII));
					assertThat(other.receive())
						.hasValueSatisfying((reply) -> assertThat(reply).asString().isEqualTo("me too"));
				}
				// The flooder's bucket refills: it is answered again once it slows down.
				flooder.timeout(5000);
				flooder.send("sorry".getBytes(StandardCharsets.US_ASCII));
				assertThat(flooder.receive())
					.hasValueSatisfying((reply) -> assertThat(reply).asString().isEqualTo("sorry"));
			}
		}

		@Test
		void echoNeverAnswersWithMoreThanItWasSent() {
			try (DatagramClient client = new DatagramClient(port("echo-udp"))) {
				for (int size : new int[] { 0, 1, 100, 2048 }) {
					client.send(new byte[size]);
					assertThat(client.receive()).hasValueSatisfying((reply) -> assertThat(reply).hasSize(size));
				}
			}
		}

		@Test
		void timeIsRateLimitedToo() {
			int port = port("time-udp");
			Scrape before = actuator().scrape();
			try (DatagramClient flooder = new DatagramClient("127.0.0.5", port)) {
				for (int i = 0; i < 500; i++) {
					flooder.send(new byte[0]);
				}
				actuator().awaitIncrease(before, "sockets_datagrams_received_total", 500, labels("time", "udp"));
				assertThat(actuator().scrape()
					.value("sockets_datagrams_dropped_total", labels("time", "udp", "reason", "rate_limited")))
					.isGreaterThanOrEqualTo(before.value("sockets_datagrams_dropped_total",
							labels("time", "udp", "reason", "rate_limited")) + 500 - 100 - 50);
			}
			try (DatagramClient other = new DatagramClient("127.0.0.2", port)) {
				other.send(new byte[0]);
				assertThat(other.receive()).isPresent();
			}
		}

	}

	@Nested
	@SocketsTest
	@TestPropertySource(properties = { "sockets.echo.tcp.allow=127.0.0.0/30", "sockets.echo.tcp.deny=127.0.0.2",
			"sockets.echo.udp.deny=127.0.0.2/32" })
	class AccessRules extends Case {

		@Test
		void aDeniedAddressIsClosedAtAcceptWithoutAByte() {
			Scrape before = actuator().scrape();
			try (LineClient denied = LineClient.connectFrom("127.0.0.2", port("echo-tcp"))) {
				denied.assertClosedByServer();
			}
			try (LineClient notAllowed = LineClient.connectFrom("127.0.0.9", port("echo-tcp"))) {
				notAllowed.assertClosedByServer();
			}
			actuator().awaitIncrease(before, "sockets_connections_rejected_total", 2,
					labels("echo", "tcp", "reason", "denied"));
			assertThat(actuator().scrape().value("sockets_connections_opened_total", labels("echo", "tcp")))
				.isEqualTo(before.value("sockets_connections_opened_total", labels("echo", "tcp")));
			assertEchoServes("127.0.0.1");
			assertEchoServes("127.0.0.3");
		}

		@Test
		void aDeniedSourcesDatagramsAreDropped() {
			int port = port("echo-udp");
			Scrape before = actuator().scrape();
			try (DatagramClient denied = new DatagramClient("127.0.0.2", port)) {
				denied.send("let me in".getBytes(StandardCharsets.US_ASCII));
				actuator().awaitIncrease(before, "sockets_datagrams_dropped_total", 1,
						labels("echo", "udp", "reason", "denied"));
				assertThat(actuator().scrape().value("sockets_datagrams_answered_total", labels("echo", "udp")))
					.isEqualTo(before.value("sockets_datagrams_answered_total", labels("echo", "udp")));
			}
			try (DatagramClient allowed = new DatagramClient("127.0.0.3", port)) {
				allowed.send("hello".getBytes(StandardCharsets.US_ASCII));
				assertThat(allowed.receive())
					.hasValueSatisfying((reply) -> assertThat(reply).asString().isEqualTo("hello"));
			}
		}

	}

	@Nested
	@SocketsTest
	class InternalFailure extends Case {

		@MockitoBean
		EchoService echo;

		@Test
		void aFailingServiceTellsTheClientNothingButThatItFailed() {
			given(this.echo.reply(anyString())).willThrow(new IllegalStateException("secret at /etc/sockets/key.pem"));
			given(this.echo.replyBytes(any())).willThrow(new IllegalStateException("secret at /etc/sockets/key.pem"));
			Scrape before = actuator().scrape();
			try (LineClient client = LineClient.connect(port("echo-tcp"))) {
				assertThat(client.send("hello").readLine()).isEqualTo("ERR internal error");
				assertThat(client.send("again").readLine()).isEqualTo("ERR internal error");
			}
			actuator().awaitIncrease(before, "sockets_errors_total", 2, labels("echo", "tcp", "kind", "internal"));
			try (DatagramClient client = new DatagramClient(port("echo-udp"))) {
				client.send("hello".getBytes(StandardCharsets.US_ASCII));
				actuator().awaitIncrease(before, "sockets_datagrams_dropped_total", 1,
						labels("echo", "udp", "reason", "error"));
			}
			willReturn("recovered").given(this.echo).reply(anyString());
			try (LineClient fresh = LineClient.connect(port("echo-tcp"))) {
				assertThat(fresh.send("hello").readLine()).isEqualTo("recovered");
			}
		}

	}

}
