package dev.sockets.observability;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;

import dev.sockets.listener.Listeners;
import dev.sockets.support.Actuator;
import dev.sockets.support.DatagramClient;
import dev.sockets.support.InstalledProgram;
import dev.sockets.support.LineClient;
import dev.sockets.support.Scrape;
import dev.sockets.support.SocketsTest;

import static org.assertj.core.api.Assertions.assertThat;

@SocketsTest
class PrometheusExpositionTest {

	@Autowired
	Listeners listeners;

	@LocalManagementPort
	int managementPort;

	@Test
	void theExpositionPassesPromtool() {
		try (LineClient echo = LineClient.connect(this.listeners.port("echo-tcp"));
				DatagramClient udp = new DatagramClient(this.listeners.port("echo-udp"))) {
			echo.send("traffic").readLine();
			udp.send("traffic".getBytes(StandardCharsets.US_ASCII));
			assertThat(udp.receive()).isPresent();
		}
		Scrape scrape = new Actuator(this.managementPort).scrape();
		assertThat(scrape.names()).contains("sockets_connections_active", "sockets_handling_seconds_bucket",
				"sockets_listener_up", "jvm_memory_used_bytes", "sockets_connection_duration_seconds_bucket",
				"sockets_connections_limit", "sockets_connections_per_source_limit", "sockets_output_pending_bytes",
				"sockets_reads_paused_total");
		InstalledProgram.Result check = InstalledProgram.promtool().run(scrape.text(), "check", "metrics");
		assertThat(check.exitCode()).as(check.output()).isZero();
	}

	@Test
	void commonTagsNameTheApplicationAndInstance() {
		Scrape scrape = new Actuator(this.managementPort).scrape();
		assertThat(scrape.value("sockets_listener_up", "service", "echo", "protocol", "tcp", "application", "sockets"))
			.isEqualTo(1);
	}

}
