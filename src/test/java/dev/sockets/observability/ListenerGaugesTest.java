package dev.sockets.observability;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import dev.sockets.listener.Listeners;
import dev.sockets.support.Actuator;
import dev.sockets.support.LineClient;
import dev.sockets.support.Scrape;
import dev.sockets.support.SocketsTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What is read from a listener on every scrape: its state, its limits, and the output it
 * holds for a client that does not read.
 */
class ListenerGaugesTest {

	private static final String[] ECHO_TCP = { "service", "echo", "protocol", "tcp" };

	private static final String[] TIME_TCP = { "service", "time", "protocol", "tcp" };

	private static String[] with(String[] base, String... more) {
		String[] all = new String[base.length + more.length];
		System.arraycopy(base, 0, all, 0, base.length);
		System.arraycopy(more, 0, all, base.length, more.length);
		return all;
	}

	@Nested
	@SocketsTest
	@DirtiesContext
	@TestPropertySource(
			properties = { "sockets.echo.tcp.max-connections=7", "sockets.echo.tcp.max-connections-per-source=3" })
	class LimitsAndState {

		@Autowired
		Listeners listeners;

		@LocalManagementPort
		int managementPort;

		@Test
		void theLimitsAreGaugesEqualToTheSettings() {
			Scrape scrape = new Actuator(this.managementPort).scrape();
			assertThat(scrape.value("sockets_connections_limit", ECHO_TCP)).isEqualTo(7);
			assertThat(scrape.value("sockets_connections_per_source_limit", ECHO_TCP)).isEqualTo(3);
			// Defaults, and what application-test.yml lifts.
			assertThat(scrape.value("sockets_connections_limit", TIME_TCP)).isEqualTo(1000);
			assertThat(scrape.value("sockets_connections_per_source_limit", TIME_TCP)).isEqualTo(10000);
			// UDP listeners hold no connections, so they have no such limits.
			assertThat(scrape.sum("sockets_connections_limit", "protocol", "udp")).isZero();
		}

		@Test
		void theStateGaugeShowsTheOneStateTheListenerIsIn() {
			Actuator actuator = new Actuator(this.managementPort);
			assertThat(actuator.scrape().value("sockets_listener_state", with(TIME_TCP, "state", "serving")))
				.isEqualTo(1);
			this.listeners.pause("time-tcp", "testing");
			try {
				Scrape paused = actuator.scrape();
				assertThat(paused.value("sockets_listener_state", with(TIME_TCP, "state", "paused"))).isEqualTo(1);
				assertThat(paused.value("sockets_listener_state", with(TIME_TCP, "state", "serving"))).isZero();
				assertThat(paused.sum("sockets_listener_state", TIME_TCP)).isEqualTo(1);
				assertThat(paused.value("sockets_listener_up", TIME_TCP)).isZero();
			}
			finally {
				this.listeners.resume("time-tcp");
			}
			Scrape resumed = actuator.scrape();
			assertThat(resumed.value("sockets_listener_state", with(TIME_TCP, "state", "serving"))).isEqualTo(1);
			assertThat(resumed.value("sockets_listener_up", TIME_TCP)).isEqualTo(1);
		}

	}

	@Nested
	@SocketsTest
	@TestPropertySource(properties = "sockets.echo.tcp.max-pending-output=16KB")
	class SlowReader {

		@Autowired
		Listeners listeners;

		@LocalManagementPort
		int managementPort;

		@Test
		void aClientThatDoesNotReadHasItsOutputHeldAndItsReadsPaused() throws IOException {
			Actuator actuator = new Actuator(this.managementPort);
			Scrape before = actuator.scrape();
			assertThat(before.value("sockets_output_pending_bytes", ECHO_TCP)).isZero();
			Socket reader = new Socket();
			// A client that reads nothing, with as little room for replies as it can ask
			// for.
			reader.setReceiveBufferSize(4096);
			reader.connect(new InetSocketAddress("127.0.0.1", this.listeners.port("echo-tcp")));
			CompletableFuture<Long> writing = CompletableFuture.supplyAsync(() -> writeUntilStuck(reader));
			try {
				actuator.awaitValue("sockets_reads_paused_total",
						(paused) -> paused >= before.value("sockets_reads_paused_total", ECHO_TCP) + 1, ECHO_TCP);
				// Held: at least the high-water mark, all of it for the one client.
				actuator.awaitValue("sockets_output_pending_bytes", (pending) -> pending >= 16 * 1024, ECHO_TCP);
				assertThat(writing).isNotDone();
			}
			finally {
				reader.setSoLinger(true, 0);
				reader.close();
			}
			// Gone with its connection.
			actuator.awaitValue("sockets_output_pending_bytes", 0, ECHO_TCP);
			try (LineClient client = LineClient.connect(this.listeners.port("echo-tcp"))) {
				assertThat(client.send("still served").readLine()).isEqualTo("still served");
			}
		}

		/**
		 * Writes lines until the server stops reading and the write blocks, or the
		 * connection is cut.
		 * @return the bytes written
		 */
		private static long writeUntilStuck(Socket socket) {
			byte[] lines = ("x".repeat(1023) + "\n").repeat(64).getBytes(StandardCharsets.US_ASCII);
			long written = 0;
			try {
				OutputStream out = socket.getOutputStream();
				while (written < 256L * 1024 * 1024) {
					out.write(lines);
					written += lines.length;
				}
			}
			catch (IOException ex) {
				// cut by the test
			}
			return written;
		}

	}

}
