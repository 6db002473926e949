package dev.sockets.flows;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import dev.sockets.listener.Listener;
import dev.sockets.listener.Listeners;
import dev.sockets.support.DatagramClient;
import dev.sockets.support.LineClient;
import dev.sockets.support.SocketsTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class TimeFlowsTest {

	@Nested
	@SocketsTest
	class Iso8601 {

		@Autowired
		Listeners listeners;

		@Test
		void tcpWritesTheTimeAsOneLineAndCloses() {
			// The tutorials' client: connect, recv(1024), print.
			try (LineClient client = LineClient.connect(this.listeners.port("time-tcp"))) {
				String text = new String(client.readToEnd(), StandardCharsets.US_ASCII);
				assertThat(text).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z\r\n");
				Instant told = Instant.parse(text.strip());
				assertThat(Duration.between(told, Instant.now()).abs()).isLessThan(Duration.ofSeconds(5));
			}
		}

		@Test
		void tcpIgnoresInput() {
			try (LineClient client = LineClient.connect(this.listeners.port("time-tcp"))) {
				client.send("what time is it?");
				assertThat(new String(client.readToEnd(), StandardCharsets.US_ASCII)).endsWith("Z\r\n");
			}
		}

		@Test
		void tcpClosesOutrightOnceTheTimeIsWrittenWithoutWaitingForTheClientsClose() {
			// A lingering close would hold the connection until the client closes too, or
			// for five seconds.
			Listener time = this.listeners.named("time-tcp").orElseThrow();
			try (LineClient client = LineClient.connect(this.listeners.port("time-tcp"))) {
				assertThat(new String(client.readToEnd(), StandardCharsets.US_ASCII)).endsWith("Z\r\n");
				await().atMost(Duration.ofSeconds(2)).until(() -> time.openConnections() == 0);
			}
		}

		@Test
		void tcpReadsAwayWhatTheClientSentSoTheCloseIsNoReset() {
			// Closed with that input unread, the socket would answer with a reset: the
			// read after the time line would fail rather than end.
			byte[] chatter = "what time is it?\r\n".repeat(100).getBytes(StandardCharsets.US_ASCII);
			for (int i = 0; i < 20; i++) {
				try (LineClient client = LineClient.connect(this.listeners.port("time-tcp"))) {
					client.sendBytes(chatter);
					assertThat(new String(client.readToEnd(), StandardCharsets.US_ASCII)).endsWith("Z\r\n");
				}
			}
		}

		@Test
		void udpAnswersAnEmptyDatagram() {
			try (DatagramClient client = new DatagramClient(this.listeners.port("time-udp"))) {
				client.send(new byte[0]);
				assertThat(client.receive())
					.hasValueSatisfying((reply) -> assertThat(new String(reply, StandardCharsets.US_ASCII))
						.matches("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z\r\n"));
			}
		}

		@Test
		void udpAnswersAnyDatagram() {
			try (DatagramClient client = new DatagramClient(this.listeners.port("time-udp"))) {
				client.send("time please".getBytes(StandardCharsets.US_ASCII));
				assertThat(client.receive()).isPresent();
			}
		}

	}

	@Nested
	@SocketsTest
	@TestPropertySource(properties = "sockets.time.format=rfc-867")
	class Rfc867 {

		@Autowired
		Listeners listeners;

		@Test
		void tcpWritesTheDaytimeLine() {
			try (LineClient client = LineClient.connect(this.listeners.port("time-tcp"))) {
				assertThat(new String(client.readToEnd(), StandardCharsets.US_ASCII))
					.matches("\\d\\d [A-Z]{3} \\d{4} \\d\\d:\\d\\d:\\d\\d UTC\r\n");
			}
		}

	}

	@Nested
	@SocketsTest
	@TestPropertySource(properties = "sockets.time.format=rfc-868")
	class Rfc868 {

		@Autowired
		Listeners listeners;

		@Test
		void tcpWritesFourBytesOfSecondsSince1900AndCloses() {
			try (LineClient client = LineClient.connect(this.listeners.port("time-tcp"))) {
				byte[] reply = client.readToEnd();
				assertThat(reply).hasSize(4);
				assertThat(secondsSince1970(reply)).isCloseTo(Instant.now().getEpochSecond(),
						org.assertj.core.data.Offset.offset(5L));
			}
		}

		@Test
		void udpAnswersTheEmptyDatagramRfc868ClientsSend() {
			try (DatagramClient client = new DatagramClient(this.listeners.port("time-udp"))) {
				client.send(new byte[0]);
				assertThat(client.receive()).hasValueSatisfying((reply) -> {
					assertThat(reply).hasSize(4);
					assertThat(secondsSince1970(reply)).isCloseTo(Instant.now().getEpochSecond(),
							org.assertj.core.data.Offset.offset(5L));
				});
			}
		}

		private static long secondsSince1970(byte[] reply) {
			return Integer.toUnsignedLong(ByteBuffer.wrap(reply).getInt()) - 2_208_988_800L;
		}

	}

}
