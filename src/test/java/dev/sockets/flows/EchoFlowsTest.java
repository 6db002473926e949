package dev.sockets.flows;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import dev.sockets.listener.Listeners;
import dev.sockets.support.DatagramClient;
import dev.sockets.support.LineClient;
import dev.sockets.support.SocketsTest;

import static org.assertj.core.api.Assertions.assertThat;

class EchoFlowsTest {

	@Nested
	@SocketsTest
	class Defaults {

		@Autowired
		Listeners listeners;

		private LineClient connect() {
			return LineClient.connect(this.listeners.port("echo-tcp"));
		}

		@Test
		void everyLineComesBackAsIsWithCrlf() {
			try (LineClient client = connect()) {
				client.sendBytes("hello\nworld\r\n\n".getBytes(StandardCharsets.US_ASCII));
				assertThat(client.readLine()).isEqualTo("hello");
				assertThat(client.readLine()).isEqualTo("world");
				assertThat(client.readLine()).isEmpty();
			}
		}

		@Test
		void manyPipelinedLinesComeBackInOrder() {
			try (LineClient client = connect()) {
				StringBuilder lines = new StringBuilder();
				for (int i = 0; i < 5000; i++) {
					lines.append("line ").append(i).append('\n');
				}
				client.sendBytes(lines.toString().getBytes(StandardCharsets.US_ASCII));
				for (int i = 0; i < 5000; i++) {
					assertThat(client.readLine()).isEqualTo("line " + i);
				}
			}
		}

		@Test
		void utf8ComesBackIntactAndInvalidBytesAsReplacementCharacters() {
			try (LineClient client = connect()) {
				client.send("naïve 😀");
				assertThat(client.readLine()).isEqualTo("naïve 😀");
				client.sendBytes(new byte[] { 'a', (byte) 0xFF, 'b', '\n' });
				assertThat(client.readLine()).isEqualTo("a\uFFFDb");
			}
		}

		@Test
		void aTooLongLineIsRefusedWithAReasonAndTheListenerServesOthers() {
			try (LineClient client = connect()) {
				client.send("fine");
				client.sendBytes(("x".repeat(9000) + "\n").getBytes(StandardCharsets.US_ASCII));
				assertThat(client.readLine()).isEqualTo("fine");
				assertThat(client.readLine()).isEqualTo("ERR line too long (max 8192 bytes)");
				client.assertClosedByServer();
			}
			try (LineClient other = connect()) {
				assertThat(other.send("still here").readLine()).isEqualTo("still here");
			}
		}

		@Test
		void aClientResettingMidLineCostsNothingElse() {
			try (LineClient watcher = connect()) {
				watcher.send("before");
				assertThat(watcher.readLine()).isEqualTo("before");
				for (int i = 0; i < 20; i++) {
					LineClient rude = connect();
					rude.sendBytes("half a li".getBytes(StandardCharsets.US_ASCII));
					rude.reset();
				}
				assertThat(watcher.send("after").readLine()).isEqualTo("after");
			}
			try (LineClient fresh = connect()) {
				assertThat(fresh.send("fresh").readLine()).isEqualTo("fresh");
			}
		}

		@Test
		void udpSendsEachDatagramBackUnchanged() {
			try (DatagramClient client = new DatagramClient(this.listeners.port("echo-udp"))) {
				byte[] binary = { 0, 1, (byte) 0xFF, '\n' };
				client.send(binary);
				assertThat(client.receive()).hasValueSatisfying((reply) -> assertThat(reply).isEqualTo(binary));
				client.send("hello".getBytes(StandardCharsets.US_ASCII));
				assertThat(client.receive())
					.hasValueSatisfying((reply) -> assertThat(reply).asString().isEqualTo("hello"));
			}
		}

		@Test
		void udpDropsAnOversizedDatagramAndGoesOn() {
			try (DatagramClient client = new DatagramClient(this.listeners.port("echo-udp"))) {
				client.send(new byte[3000]);
				client.send("next".getBytes(StandardCharsets.US_ASCII));
				// Datagrams on loopback keep their order: the first answer is to the
				// second datagram.
				assertThat(client.receive())
					.hasValueSatisfying((reply) -> assertThat(reply).asString().isEqualTo("next"));
			}
		}

		@Test
		void udpEchoesADatagramOfExactlyTheMaximum() {
			try (DatagramClient client = new DatagramClient(this.listeners.port("echo-udp"))) {
				byte[] max = new byte[2048];
				Arrays.fill(max, (byte) 'm');
				client.send(max);
				assertThat(client.receive()).hasValueSatisfying((reply) -> assertThat(reply).isEqualTo(max));
			}
		}

	}

	@Nested
	@SocketsTest
	@TestPropertySource(properties = { "sockets.echo.greeting=Welcome to the server. Type something and hit enter",
			"sockets.echo.reply-prefix=OK...", "sockets.echo.tcp.idle-timeout=1s", "sockets.echo.tcp.framing=crlf",
			"sockets.echo.tcp.max-line-length=16" })
	class TutorialServer {

		@Autowired
		Listeners listeners;

		private LineClient connect() {
			return LineClient.connect(this.listeners.port("echo-tcp"));
		}

		@Test
		void greetsThenRepliesWithThePrefix() {
			try (LineClient client = connect()) {
				assertThat(client.readLine()).isEqualTo("Welcome to the server. Type something and hit enter");
				client.sendBytes("how are you\r\n".getBytes(StandardCharsets.US_ASCII));
				assertThat(client.readLine()).isEqualTo("OK...how are you");
			}
		}

		@Test
		void crlfFramingKeepsABareLfInTheLine() {
			try (LineClient client = connect()) {
				client.readLine();
				client.sendBytes("a\nb\r\n".getBytes(StandardCharsets.US_ASCII));
				assertThat(client.readBytes(10)).asString().isEqualTo("OK...a\nb\r\n");
			}
		}

		@Test
		void theConfiguredMaximumIsTheOneEnforcedAndQuoted() {
			try (LineClient client = connect()) {
				client.readLine();
				client.sendBytes("0123456789abcdef\r\n0123456789abcdefg\r\n".getBytes(StandardCharsets.US_ASCII));
				assertThat(client.readLine()).isEqualTo("OK...0123456789abcdef");
				assertThat(client.readLine()).isEqualTo("ERR line too long (max 16 bytes)");
				client.assertClosedByServer();
			}
		}

		@Test
		void aSilentClientIsToldAndClosedAfterTheIdleTimeout() {
			try (LineClient client = connect()) {
				client.readLine();
				assertThat(client.readLine()).isEqualTo("ERR idle timeout (nothing received for 1 s)");
				client.assertClosedByServer();
			}
		}

	}

	@Nested
	@SocketsTest
	@TestPropertySource(properties = { "sockets.echo.tcp.max-connections=2", "sockets.echo.tcp.max-line-length=10" })
	@ExtendWith(OutputCaptureExtension.class)
	@DirtiesContext
	class Limits {

		@Autowired
		Listeners listeners;

		private LineClient connect() {
			return LineClient.connect(this.listeners.port("echo-tcp"));
		}

		@Test
		void aConnectionOverTheLimitIsToldWhyAndClosedAndTheOthersGoOn(CapturedOutput output) {
			try (LineClient first = connect(); LineClient second = connect()) {
				assertThat(first.send("1").readLine()).isEqualTo("1");
				assertThat(second.send("2").readLine()).isEqualTo("2");
				try (LineClient third = connect()) {
					assertThat(third.readLine()).isEqualTo("ERR too many connections (max 2)");
					third.assertClosedByServer();
				}
				assertThat(first.send("still 1").readLine()).isEqualTo("still 1");
				second.close();
				// The slot frees once the server has seen the close.
				Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
					try (LineClient again = connect()) {
						assertThat(again.send("3").readLine()).isEqualTo("3");
					}
				});
			}
			assertThat(output).contains("echo-tcp: refused 127.0.0.1:", "too many connections (max 2)");
		}

		@Test
		void aRejectionIsOneWarnLineWithoutAStackTrace(CapturedOutput output) {
			try (LineClient client = connect()) {
				client.send("far too long for ten");
				assertThat(client.readLine()).isEqualTo("ERR line too long (max 10 bytes)");
			}
			Awaitility.await()
				.atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(output.getOut()).containsPattern(
						"WARN .* echo-tcp: closing connection from 127\\.0\\.0\\.1:\\d+: line too long\\R"));
			assertThat(output.getAll()).doesNotContain("Exception", "\tat ");
		}

	}

	@Nested
	@SocketsTest
	@TestPropertySource(properties = { "sockets.echo.tcp.framing=raw", "sockets.echo.reply-prefix=OK..." })
	class Raw {

		@Autowired
		Listeners listeners;

		@Test
		void echoesBytesExactlyAsReceived() {
			try (LineClient client = LineClient.connect(this.listeners.port("echo-tcp"))) {
				byte[] all = new byte[256 * 64];
				for (int i = 0; i < all.length; i++) {
					all[i] = (byte) i;
				}
				client.sendBytes(all);
				assertThat(client.readBytes(all.length)).isEqualTo(all);
			}
		}

		@Test
		void neverSpeaksTelnet() {
			try (LineClient client = LineClient.connect(this.listeners.port("echo-tcp"))) {
				// IAC DO TIMING-MARK, IAC IP: what a telnet client sends for Ctrl-C.
				byte[] interrupt = { (byte) 255, (byte) 253, 6, (byte) 255, (byte) 244 };
				client.sendBytes(interrupt);
				assertThat(client.readBytes(interrupt.length)).isEqualTo(interrupt);
			}
		}

	}

}
