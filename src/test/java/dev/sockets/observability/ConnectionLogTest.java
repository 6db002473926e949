package dev.sockets.observability;

import java.time.Duration;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

import dev.sockets.listener.Listeners;
import dev.sockets.support.LineClient;
import dev.sockets.support.SocketsTest;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class ConnectionLogTest {

	@Nested
	@SocketsTest
	class On {

		@Autowired
		Listeners listeners;

		@Test
		void aClosedConnectionIsOneLineWithWhoHowLongAndHowMuch(CapturedOutput output) {
			try (LineClient client = LineClient.connect(this.listeners.port("echo-tcp"))) {
				assertThat(client.send("logged").readLine()).isEqualTo("logged");
			}
			Awaitility.await()
				.atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(output.getOut()).containsPattern(
						"INFO .* dev\\.sockets\\.connections +: echo-tcp 127\\.0\\.0\\.1:\\d+ closed after "
								+ "\\d+\\.\\d{3} s \\(connection closed\\): 7 bytes in, 8 bytes out"));
		}

	}

	@Nested
	@SocketsTest
	@TestPropertySource(properties = "logging.level.dev.sockets.connections=off")
	class Off {

		@Autowired
		Listeners listeners;

		@Test
		void theOperatorCanSwitchItOff(CapturedOutput output) {
			try (LineClient client = LineClient.connect(this.listeners.port("echo-tcp"))) {
				assertThat(client.send("quiet").readLine()).isEqualTo("quiet");
			}
			// The close is logged, if at all, before the next connection is served on the
			// same thread.
			try (LineClient client = LineClient.connect(this.listeners.port("echo-tcp"))) {
				assertThat(client.send("still quiet").readLine()).isEqualTo("still quiet");
			}
			assertThat(output.getOut()).doesNotContain("dev.sockets.connections");
		}

	}

}
