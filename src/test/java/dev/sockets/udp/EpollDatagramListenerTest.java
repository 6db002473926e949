package dev.sockets.udp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import dev.sockets.listener.Listeners;
import dev.sockets.support.DatagramClient;
import dev.sockets.support.SocketsTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * UDP on the I/O threads: a socket per thread on the listener's port, which the kernel
 * spreads the clients over, every one of them serving.
 */
@SocketsTest
@EnabledOnOs(OS.LINUX)
@TestPropertySource(properties = { "sockets.io-threads=3", "sockets.echo.udp.rate-per-source=0" })
class EpollDatagramListenerTest {

	@Autowired
	Listeners listeners;

	@Test
	void aReadTakesAsManyDatagramsAsFitInAPooledBuffer() {
		assertThat(EpollDatagramListener.batch(2049)).isEqualTo(8);
		assertThat(EpollDatagramListener.batch(513)).isEqualTo(16);
		assertThat(EpollDatagramListener.batch(65_508)).isEqualTo(1);
	}

	@Test
	void everyIoThreadHasASocketOnTheListenersPort() throws IOException {
		int port = this.listeners.port("echo-udp");
		assertThat(UdpSockets.of("self", port)).hasSize(3);
	}

	@Test
	void clientsOnEverySocketAreAnsweredFromThePortTheyWroteTo() {
		int port = this.listeners.port("echo-udp");
		// Enough source ports that every socket gets some of them.
		List<DatagramClient> clients = new ArrayList<>();
		try {
			for (int i = 0; i < 64; i++) {
				clients.add(new DatagramClient(port));
			}
			for (int i = 0; i < clients.size(); i++) {
				clients.get(i).send(("client " + i).getBytes(StandardCharsets.US_ASCII));
			}
			for (int i = 0; i < clients.size(); i++) {
				assertThat(clients.get(i).receive()).as("client %d", i)
					.hasValueSatisfying((reply) -> assertThat(reply).asString().startsWith("client "));
			}
		}
		finally {
			clients.forEach(DatagramClient::close);
		}
	}

}
