package dev.sockets.listener;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.annotation.DirtiesContext;

import dev.sockets.support.DatagramClient;
import dev.sockets.support.LineClient;
import dev.sockets.support.SocketsTest;

import static org.assertj.core.api.Assertions.assertThat;

@SocketsTest
@DirtiesContext
class ListenersTest {

	@Autowired
	Listeners listeners;

	@Autowired
	ConfigurableApplicationContext context;

	@Test
	void everyEnabledListenerIsKnownWithItsBoundPort() {
		assertThat(this.listeners.ids()).extracting(ListenerId::toString)
			.containsExactlyInAnyOrder("time/tcp", "echo/tcp", "chat/tcp", "time/udp", "echo/udp");
		for (ListenerId id : this.listeners.ids()) {
			assertThat(this.listeners.port(id.service(), id.protocol())).isPositive();
		}
	}

	@Test
	void listenersComeBackOnTheSamePortsAfterAStopAndStart() {
		int tcp = this.listeners.port("echo", Protocol.TCP);
		int udp = this.listeners.port("echo", Protocol.UDP);
		this.context.stop();
		this.context.start();
		assertThat(this.listeners.port("echo", Protocol.TCP)).isEqualTo(tcp);
		try (LineClient client = LineClient.connect(tcp)) {
			assertThat(client.send("again").readLine()).isEqualTo("again");
		}
		try (DatagramClient client = new DatagramClient(udp)) {
			client.send("again".getBytes(StandardCharsets.US_ASCII));
			assertThat(client.receive()).hasValueSatisfying((reply) -> assertThat(reply).asString().isEqualTo("again"));
		}
	}

}
