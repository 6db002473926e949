package dev.sockets.observability;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.context.TestPropertySource;

import dev.sockets.listener.Listeners;
import dev.sockets.listener.TelnetCommand;
import dev.sockets.support.Actuator;
import dev.sockets.support.DatagramClient;
import dev.sockets.support.LineClient;
import dev.sockets.support.Scrape;
import dev.sockets.support.SocketsTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real traffic over real sockets, then the real scrape: every meter moves by exactly what
 * happened.
 */
class ListenerMetersTest {

	private static final String[] ECHO_TCP = { "service", "echo", "protocol", "tcp" };

	private static final String[] ECHO_UDP = { "service", "echo", "protocol", "udp" };

	private static final String[] CHAT = { "service", "chat", "protocol", "tcp", "listener", "chat-tcp" };

	private static String[] with(String[] base, String... more) {
		String[] all = new String[base.length + more.length];
		System.arraycopy(base, 0, all, 0, base.length);
		System.arraycopy(more, 0, all, base.length, more.length);
		return all;
	}

	@Nested
	@SocketsTest
	class Traffic {

		@Autowired
		Listeners listeners;

		@LocalManagementPort
		int managementPort;

		private Actuator actuator() {
			return new Actuator(this.managementPort);
		}

		private LineClient echo() {
			return LineClient.connect(this.listeners.port("echo-tcp"));
		}

		@Test
		void openConnectionsShowAsTheGaugeAndGoBackToZeroWhenClosed() {
			Actuator actuator = actuator();
			double before = actuator.scrape().value("sockets_connections_active", ECHO_TCP);
			double opened = actuator.scrape().value("sockets_connections_opened_total", ECHO_TCP);
			List<LineClient> clients = new ArrayList<>();
			for (int i = 0; i < 3; i++) {
				LineClient client = echo();
				client.send("up").readLine();
				clients.add(client);
			}
			actuator.awaitValue("sockets_connections_active", before + 3, ECHO_TCP);
			assertThat(actuator.scrape().value("sockets_connections_opened_total", ECHO_TCP)).isEqualTo(opened + 3);
			clients.forEach(LineClient::close);
			actuator.awaitValue("sockets_connections_active", before, ECHO_TCP);
			assertThat(actuator.scrape()
				.value("sockets_connections_closed_total", with(ECHO_TCP, "reason", "client_closed")))
				.isGreaterThanOrEqualTo(3);
		}

		@Test
		void bytesAndMessagesCountWhatWentEachWay() {
			Actuator actuator = actuator();
			Scrape before = actuator.scrape();
			try (LineClient client = echo()) {
				for (int i = 0; i < 5; i++) {
					assertThat(client.send("hello").readLine()).isEqualTo("hello");
				}
			}
			// 5 × "hello\n" in, 5 × "hello\r\n" out.
			actuator.awaitIncrease(before, "sockets_received_bytes_total", 30, ECHO_TCP);
			Scrape after = actuator.scrape();
			assertThat(after.value("sockets_sent_bytes_total", ECHO_TCP))
				.isEqualTo(before.value("sockets_sent_bytes_total", ECHO_TCP) + 35);
			assertThat(after.value("sockets_messages_received_total", ECHO_TCP))
				.isEqualTo(before.value("sockets_messages_received_total", ECHO_TCP) + 5);
			assertThat(after.value("sockets_messages_sent_total", ECHO_TCP))
				.isEqualTo(before.value("sockets_messages_sent_total", ECHO_TCP) + 5);
			assertThat(after.value("sockets_handling_seconds_count", ECHO_TCP))
				.isEqualTo(before.value("sockets_handling_seconds_count", ECHO_TCP) + 5);
			assertThat(after.value("sockets_handling_seconds_bucket", with(ECHO_TCP, "le", "+Inf")))
				.isEqualTo(after.value("sockets_handling_seconds_count", ECHO_TCP));
		}

		@Test
		void aTooLongLineCountsAsAFramingErrorAndItsClose() {
			Actuator actuator = actuator();
			Scrape before = actuator.scrape();
			try (LineClient client = echo()) {
				client.sendBytes(("x".repeat(9000) + "\n").getBytes(StandardCharsets.US_ASCII));
				assertThat(client.readLine()).startsWith("ERR line too long");
			}
			actuator.awaitIncrease(before, "sockets_errors_total", 1, with(ECHO_TCP, "kind", "framing"));
			assertThat(actuator.scrape()
				.value("sockets_connections_closed_total", with(ECHO_TCP, "reason", "line_too_long")))
				.isEqualTo(before.value("sockets_connections_closed_total", with(ECHO_TCP, "reason", "line_too_long"))
						+ 1);
		}

		@Test
		void aResetCountsAsAnIoError() {
			Actuator actuator = actuator();
			Scrape before = actuator.scrape();
			LineClient client = echo();
			client.send("bye").readLine();
			client.sendBytes("unread".getBytes(StandardCharsets.US_ASCII));
			client.reset();
			actuator.awaitIncrease(before, "sockets_errors_total", 1, with(ECHO_TCP, "kind", "io"));
		}

		@Test
		void telnetCommandsAreCountedByKindInSeriesThatExistFromTheStart() {
			Actuator actuator = actuator();
			Scrape before = actuator.scrape();
			for (TelnetCommand command : TelnetCommand.values()) {
				assertThat(before.value("sockets_telnet_commands_total", with(CHAT, "command", command.tag())))
					.isNotNegative();
			}
			try (LineClient client = echo()) {
				// Ctrl-C in a telnet client: IAC IP IAC DO TIMING-MARK.
				client.sendBytes(new byte[] { (byte) 255, (byte) 244, (byte) 255, (byte) 253, 6 });
				// The server's request for BINARY, now that it hears telnet, and the
				// mark.
				assertThat(client.readBytes(6))
					.isEqualTo(new byte[] { (byte) 255, (byte) 253, 0, (byte) 255, (byte) 251, 6 });
				client.sendBytes(new byte[] { (byte) 255, (byte) 246, 'x', '\n' });
				assertThat(client.readLine()).isEqualTo("* yes, still here");
				assertThat(client.readLine()).isEqualTo("x");
			}
			actuator.awaitIncrease(before, "sockets_telnet_commands_total", 1, with(ECHO_TCP, "command", "ip"));
			Scrape after = actuator.scrape();
			for (String command : List.of("do", "ayt")) {
				assertThat(after.value("sockets_telnet_commands_total", with(ECHO_TCP, "command", command))).as(command)
					.isEqualTo(before.value("sockets_telnet_commands_total", with(ECHO_TCP, "command", command)) + 1);
			}
			assertThat(after.value("sockets_telnet_commands_total", with(ECHO_TCP, "command", "brk")))
				.isEqualTo(before.value("sockets_telnet_commands_total", with(ECHO_TCP, "command", "brk")));
		}

		@Test
		void datagramsAreCountedReceivedAnsweredAndDropped() {
			Actuator actuator = actuator();
			Scrape before = actuator.scrape();
			try (DatagramClient client = new DatagramClient(this.listeners.port("echo-udp"))) {
				client.send(new byte[3000]);
				client.send("ping".getBytes(StandardCharsets.US_ASCII));
				assertThat(client.receive()).isPresent();
			}
			actuator.awaitIncrease(before, "sockets_datagrams_answered_total", 1, ECHO_UDP);
			Scrape after = actuator.scrape();
			assertThat(after.value("sockets_datagrams_received_total", ECHO_UDP))
				.isEqualTo(before.value("sockets_datagrams_received_total", ECHO_UDP) + 2);
			assertThat(after.value("sockets_datagrams_dropped_total", with(ECHO_UDP, "reason", "oversize")))
				.isEqualTo(before.value("sockets_datagrams_dropped_total", with(ECHO_UDP, "reason", "oversize")) + 1);
			// The oversized datagram is read only up to the limit (2 KB) and one byte:
			// all the listener sees of it.
			assertThat(after.value("sockets_received_bytes_total", ECHO_UDP))
				.isEqualTo(before.value("sockets_received_bytes_total", ECHO_UDP) + 2049 + 4);
			assertThat(after.value("sockets_sent_bytes_total", ECHO_UDP))
				.isEqualTo(before.value("sockets_sent_bytes_total", ECHO_UDP) + 4);
		}

		@Test
		void chatShowsItsUsersRoomsBroadcastsAndDeliveries() {
			Actuator actuator = actuator();
			// Chat clients of other tests may still be leaving; counting starts once they
			// have gone.
			actuator.awaitValue("sockets_connections_active", 0, CHAT);
			actuator.awaitValue("sockets_chat_users", 0, "dialect", "line");
			Scrape before = actuator.scrape();
			int port = this.listeners.port("chat-tcp");
			try (LineClient alice = LineClient.connect(port)) {
				alice.readLineStartingWith("* Nobody else is here yet.");
				LineClient bob = LineClient.connect(port);
				bob.readLineStartingWith("* Also here:");
				alice.readLineStartingWith("* ");
				actuator.awaitValue("sockets_chat_users", 2, "dialect", "line");
				double deliveries = actuator.scrape().value("sockets_chat_deliveries_total", CHAT);
				alice.send("/join metrics");
				alice.readLineStartingWith("* Nobody else");
				bob.readLineStartingWith("* ");
				assertThat(actuator.scrape().value("sockets_chat_rooms")).isEqualTo(2);
				bob.send("/join metrics");
				bob.readLineStartingWith("* Also here:");
				alice.readLineStartingWith("* ");
				bob.send("hi alice");
				assertThat(alice.readLine()).endsWith("> hi alice");
				Scrape after = actuator.scrape();
				assertThat(after.value("sockets_chat_messages_broadcast_total"))
					.isEqualTo(before.value("sockets_chat_messages_broadcast_total") + 1);
				// Since the count above: two notices and an empty-room line for the first
				// /join, the
				// second /join's three lines, the join notice to alice, and the message
				// itself.
				assertThat(after.value("sockets_chat_deliveries_total", CHAT)).isEqualTo(deliveries + 7);
				bob.close();
			}
			actuator.awaitValue("sockets_chat_users", 0, "dialect", "line");
		}

	}

	@Nested
	@SocketsTest
	@TestPropertySource(properties = { "sockets.listeners.echo-idle.service=echo", "sockets.listeners.echo-idle.port=0",
			"sockets.listeners.echo-idle.idle-timeout=1s", "sockets.listeners.echo-idle.connection-rate-per-source=0" })
	class Durations {

		private static final String[] TIME_TCP = { "service", "time", "protocol", "tcp" };

		private static final String[] ECHO_IDLE = { "listener", "echo-idle" };

		@Autowired
		Listeners listeners;

		@LocalManagementPort
		int managementPort;

		private static double bucket(Scrape scrape, String[] listener, String le) {
			return scrape.value("sockets_connection_duration_seconds_bucket", with(listener, "le", le));
		}

		@Test
		void aShortConnectionLandsInTheFirstSecondsBuckets() {
			Actuator actuator = new Actuator(this.managementPort);
			Scrape before = actuator.scrape();
			try (LineClient client = LineClient.connect(this.listeners.port("time-tcp"))) {
				assertThat(client.readToEnd()).isNotEmpty();
			}
			actuator.awaitIncrease(before, "sockets_connection_duration_seconds_count", 1, TIME_TCP);
			Scrape after = actuator.scrape();
			assertThat(bucket(after, TIME_TCP, "1.0")).isEqualTo(bucket(before, TIME_TCP, "1.0") + 1);
			assertThat(bucket(after, TIME_TCP, "+Inf")).isEqualTo(bucket(before, TIME_TCP, "+Inf") + 1);
		}

		@Test
		void aConnectionClosedAfterASecondIdleLandsAboveTheSecondBucket() {
			Actuator actuator = new Actuator(this.managementPort);
			Scrape before = actuator.scrape();
			try (LineClient client = LineClient.connect(this.listeners.port("echo-idle"))) {
				assertThat(client.send("then nothing").readLine()).isEqualTo("then nothing");
				assertThat(client.readLine()).startsWith("ERR idle timeout");
				client.assertClosedByServer();
			}
			actuator.awaitIncrease(before, "sockets_connection_duration_seconds_count", 1, ECHO_IDLE);
			Scrape after = actuator.scrape();
			// Open for at least the idle timeout, and for much less than five seconds.
			assertThat(bucket(after, ECHO_IDLE, "1.0")).isEqualTo(bucket(before, ECHO_IDLE, "1.0"));
			assertThat(bucket(after, ECHO_IDLE, "5.0")).isEqualTo(bucket(before, ECHO_IDLE, "5.0") + 1);
			assertThat(after.value("sockets_connection_duration_seconds_sum", ECHO_IDLE)
					- before.value("sockets_connection_duration_seconds_sum", ECHO_IDLE))
				.isBetween(1.0, 5.0);
			// Every bucket up to a day is there, for quantiles over any connection.
			assertThat(bucket(after, ECHO_IDLE, "0.01")).isZero();
			assertThat(bucket(after, ECHO_IDLE, "86400.0")).isEqualTo(bucket(after, ECHO_IDLE, "+Inf"));
		}

	}

	@Nested
	@SocketsTest
	@TestPropertySource(properties = "sockets.echo.tcp.max-connections=1")
	class Rejections {

		@Autowired
		Listeners listeners;

		@LocalManagementPort
		int managementPort;

		@Test
		void aConnectionOverTheLimitIsCountedAsRejectedForTheLimit() {
			Actuator actuator = new Actuator(this.managementPort);
			double before = actuator.scrape()
				.value("sockets_connections_rejected_total", with(ECHO_TCP, "reason", "limit"));
			try (LineClient first = LineClient.connect(this.listeners.port("echo-tcp"))) {
				first.send("in").readLine();
				try (LineClient second = LineClient.connect(this.listeners.port("echo-tcp"))) {
					assertThat(second.readLine()).isEqualTo("ERR too many connections (max 1)");
				}
			}
			assertThat(actuator.scrape().value("sockets_connections_rejected_total", with(ECHO_TCP, "reason", "limit")))
				.isEqualTo(before + 1);
		}

	}

}
