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
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

@SocketsTest
@DirtiesContext
class ListenersTest {

	@Autowired
	Listeners listeners;

	@Autowired
	ConfigurableApplicationContext context;

	@Test
	void everyEnabledListenerIsKnownWithItsBoundPort() {
		assertThat(this.listeners.all()).extracting((listener) -> listener.id().name())
			.containsExactly("time-tcp", "time-udp", "echo-tcp", "echo-udp", "chat-tcp", "chat-irc");
		for (Listener listener : this.listeners.all()) {
			assertThat(this.listeners.port(listener.id().name())).isPositive();
		}
	}

	@Test
	void listenersComeBackOnTheSamePortsAfterAStopAndStart() {
		int tcp = this.listeners.port("echo-tcp");
		int udp = this.listeners.port("echo-udp");
		this.context.stop();
		this.context.start();
		assertThat(this.listeners.port("echo-tcp")).isEqualTo(tcp);
		try (LineClient client = LineClient.connect(tcp)) {
			assertThat(client.send("again").readLine()).isEqualTo("again");
		}
		try (DatagramClient client = new DatagramClient(udp)) {
			client.send("again".getBytes(StandardCharsets.US_ASCII));
			assertThat(client.receive()).hasValueSatisfying((reply) -> assertThat(reply).asString().isEqualTo("again"));
		}
	}

	@Test
	void aPauseOutlastsAStopAndStartUntilTheListenerIsResumed() {
		assertThat(this.listeners.pause("time-udp", "maintenance")).isPresent();
		this.context.stop();
		// Nothing is resumed while the service is stopped.
		assertThatIllegalStateException().isThrownBy(() -> this.listeners.resume("time-udp"));
		this.context.start();
		Listener time = this.listeners.named("time-udp").orElseThrow();
		assertThat(time.status().state()).isEqualTo(ListenerState.PAUSED);
		assertThat(time.status().reason()).isEqualTo("maintenance");
		assertThat(time.isServing()).isFalse();
		this.listeners.resume("time-udp");
		assertThat(time.status()).isEqualTo(ListenerStatus.SERVING);
		try (DatagramClient client = new DatagramClient(this.listeners.port("time-udp"))) {
			assertThat(client.send(new byte[0]).receive()).isPresent();
		}
	}

	@Test
	void anUnknownListenerIsNeitherPausedNorDrainedNorResumed() {
		assertThat(this.listeners.pause("nope", "why")).isEmpty();
		assertThat(this.listeners.drain("nope", "why")).isEmpty();
		assertThat(this.listeners.resume("nope")).isEmpty();
	}

}
