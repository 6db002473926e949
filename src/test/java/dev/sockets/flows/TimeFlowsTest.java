package dev.sockets.flows;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import dev.sockets.listener.Listeners;
import dev.sockets.support.DatagramClient;
import dev.sockets.support.LineClient;
import dev.sockets.support.SocketsTest;

import static org.assertj.core.api.Assertions.assertThat;

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
