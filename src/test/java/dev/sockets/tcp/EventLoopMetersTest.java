package dev.sockets.tcp;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.context.TestPropertySource;

import dev.sockets.listener.Listeners;
import dev.sockets.support.Actuator;
import dev.sockets.support.LineClient;
import dev.sockets.support.Scrape;
import dev.sockets.support.SocketsTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Micrometer's Netty meters, on the service's own I/O threads and allocator.
 */
@SocketsTest
@TestPropertySource(properties = "sockets.io-threads=3")
class EventLoopMetersTest {

	@Autowired
	Listeners listeners;

	@LocalManagementPort
	int managementPort;

	@Test
	void theIoThreadsAndTheAcceptorAreMeteredByGroup() {
		Scrape scrape = new Actuator(this.managementPort).scrape();
		assertThat(scrape.value("netty_eventexecutor_workers", "group", "io")).isEqualTo(3);
		assertThat(scrape.value("netty_eventexecutor_workers", "group", "accept")).isEqualTo(1);
		assertThat(scrape.series("netty_eventexecutor_tasks_pending", "group", "io"))
			.extracting((series) -> series.labels().get("name"))
			.hasSize(3)
			.allMatch((thread) -> thread.startsWith("sockets-io-"));
		assertThat(scrape.value("netty_eventexecutor_tasks_pending", "group", "accept")).isZero();
	}

	@Test
	void theAllocatorShowsTheMemoryTheConnectionsBuffersTake() {
		try (LineClient client = LineClient.connect(this.listeners.port("echo-tcp"))) {
			assertThat(client.send("x".repeat(4000)).readLine()).hasSize(4000);
		}
		Scrape scrape = new Actuator(this.managementPort).scrape();
		assertThat(scrape.value("netty_allocator_memory_used_bytes", "memory_type", "direct")).isPositive();
		assertThat(scrape.value("netty_allocator_memory_used_bytes", "memory_type", "heap")).isNotNegative();
	}

}
