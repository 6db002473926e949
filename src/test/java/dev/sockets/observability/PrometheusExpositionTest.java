package dev.sockets.observability;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.sockets.listener.Listeners;
import dev.sockets.support.Actuator;
import dev.sockets.support.DatagramClient;
import dev.sockets.support.InstalledProgram;
import dev.sockets.support.LineClient;
import dev.sockets.support.Scrape;
import dev.sockets.support.SocketsTest;
import dev.sockets.support.TestCertificates;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole exposition, of every kind of listener (TLS among them), checked by
 * {@code promtool check metrics}.
 */
@SocketsTest
class PrometheusExpositionTest {

	private static final TestCertificates certificates = TestCertificates.create();

	@DynamicPropertySource
	static void tls(DynamicPropertyRegistry registry) {
		registry.add("spring.ssl.bundle.pem.server.keystore.certificate",
				() -> "file:" + certificates.certificate("server"));
		registry.add("spring.ssl.bundle.pem.server.keystore.private-key", () -> "file:" + certificates.key("server"));
		registry.add("spring.ssl.bundle.pem.server.truststore.certificate",
				() -> "file:" + certificates.certificate("ca"));
		registry.add("sockets.listeners.echo-tls.service", () -> "echo");
		registry.add("sockets.listeners.echo-tls.port", () -> "0");
		registry.add("sockets.listeners.echo-tls.ssl.bundle", () -> "server");
	}

	@Autowired
	Listeners listeners;

	@LocalManagementPort
	int managementPort;

	@Test
	void theExpositionPassesPromtool() {
		try (LineClient echo = LineClient.connect(this.listeners.port("echo-tcp"));
				LineClient tls = LineClient.connectTls(certificates.clientContext(null),
						this.listeners.port("echo-tls"));
				DatagramClient udp = new DatagramClient(this.listeners.port("echo-udp"))) {
			echo.send("traffic").readLine();
			tls.send("traffic").readLine();
			udp.send("traffic".getBytes(StandardCharsets.US_ASCII));
			assertThat(udp.receive()).isPresent();
		}
		Scrape scrape = new Actuator(this.managementPort).scrape();
		assertThat(scrape.names()).contains("sockets_connections_active", "sockets_handling_seconds_bucket",
				"sockets_listener_up", "jvm_memory_used_bytes", "sockets_tls_handshakes_total",
				"sockets_tls_handshake_seconds_bucket", "sockets_connection_duration_seconds_bucket",
				"sockets_listener_state", "sockets_connections_limit", "sockets_connections_per_source_limit",
				"sockets_output_pending_bytes", "sockets_reads_paused_total", "netty_eventexecutor_tasks_pending",
				"netty_allocator_memory_used_bytes", "ssl_chain_expiry_seconds");
		InstalledProgram.Result check = InstalledProgram.promtool().run(scrape.text(), "check", "metrics");
		assertThat(check.exitCode()).as(check.output()).isZero();
	}

	@Test
	void commonTagsNameTheApplicationAndInstance() {
		Scrape scrape = new Actuator(this.managementPort).scrape();
		assertThat(scrape.value("sockets_listener_up", "listener", "echo-tcp", "application", "sockets")).isEqualTo(1);
	}

}
