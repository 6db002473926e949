package dev.sockets.observability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.sockets.listener.Listeners;
import dev.sockets.support.Actuator;
import dev.sockets.support.DatagramClient;
import dev.sockets.support.InstalledProgram;
import dev.sockets.support.LineClient;
import dev.sockets.support.SocketsTest;
import dev.sockets.support.TestCertificates;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Grafana dashboard and the Prometheus alert rules under {@code deploy/}: valid, and
 * about metrics the service really exports, with a TLS listener among the listeners so
 * that its meters and Spring Boot's certificate expiry are exported too.
 */
@SocketsTest
class MonitoringArtifactsTest {

	private static final Path DASHBOARD = Path.of("deploy", "grafana", "sockets-dashboard.json");

	private static final Path RULES = Path.of("deploy", "prometheus", "sockets-alerts.yml");

	/**
	 * Every metric these files use is the service's own, the JVM's, Netty's or Spring
	 * Boot's SSL bundles'.
	 */
	private static final Pattern METRIC = Pattern.compile("\\b((?:sockets|jvm|process|netty|ssl)_[a-z0-9_]+)\\b");

	private static final TestCertificates certificates = TestCertificates.create();

	@DynamicPropertySource
	static void tls(DynamicPropertyRegistry registry) {
		registry.add("spring.ssl.bundle.pem.server.keystore.certificate",
				() -> "file:" + certificates.certificate("server"));
		registry.add("spring.ssl.bundle.pem.server.keystore.private-key", () -> "file:" + certificates.key("server"));
		registry.add("sockets.listeners.echo-tls.service", () -> "echo");
		registry.add("sockets.listeners.echo-tls.port", () -> "0");
		registry.add("sockets.listeners.echo-tls.ssl.bundle", () -> "server");
	}

	@Autowired
	Listeners listeners;

	@LocalManagementPort
	int managementPort;

	private static List<String> dashboardQueries() throws IOException {
		JsonNode dashboard = JsonMapper.shared().readTree(Files.readString(DASHBOARD));
		List<String> queries = new ArrayList<>();
		for (JsonNode panel : dashboard.get("panels")) {
			if ("row".equals(panel.get("type").asString())) {
				continue;
			}
			assertThat(panel.path("targets").size()).as("queries of panel %s", panel.get("title")).isPositive();
			for (JsonNode target : panel.get("targets")) {
				queries.add(target.get("expr").asString());
			}
		}
		return queries;
	}

	private static Set<String> metricsIn(List<String> queries) {
		Set<String> metrics = new TreeSet<>();
		for (String query : queries) {
			Matcher metric = METRIC.matcher(query);
			while (metric.find()) {
				metrics.add(metric.group(1));
			}
		}
		return metrics;
	}

	@Test
	void theAlertRulesAreValidAndFireWhenTheyShould() {
		InstalledProgram.Result check = InstalledProgram.promtool().run(null, "check", "rules", RULES.toString());
		assertThat(check.exitCode()).as(check.output()).isZero();
		InstalledProgram.Result test = InstalledProgram.promtool()
			.run(null, "test", "rules", "deploy/prometheus/sockets-alerts-test.yml");
		assertThat(test.exitCode()).as(test.output()).isZero();
	}

	@Test
	void everyDashboardQueryIsValidPromql(@TempDir Path directory) throws IOException {
		StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
		int n = 0;
		for (String query : dashboardQueries()) {
			String concrete = query.replace("$__rate_interval", "5m")
				.replace("$application", ".*")
				.replace("$instance", ".*");
			rules.append("      - record: dashboard:query_")
				.append(n++)
				.append("\n        expr: '")
				.append(concrete.replace("'", "''"))
				.append("'\n");
		}
		Path file = directory.resolve("dashboard-rules.yml");
		Files.writeString(file, rules, StandardCharsets.UTF_8);
		InstalledProgram.Result check = InstalledProgram.promtool().run(null, "check", "rules", file.toString());
		assertThat(check.exitCode()).as(check.output()).isZero();
	}

	@Test
	void everyMetricTheDashboardAndAlertsUseIsExported() throws IOException {
		try (LineClient echo = LineClient.connect(this.listeners.port("echo-tcp"));
				DatagramClient udp = new DatagramClient(this.listeners.port("echo-udp"))) {
			echo.send("traffic").readLine();
			udp.send("traffic".getBytes(StandardCharsets.US_ASCII));
			assertThat(udp.receive()).isPresent();
		}
		// The GC pause timer appears with the first collection.
		System.gc();
		Set<String> used = metricsIn(dashboardQueries());
		Matcher inRules = METRIC.matcher(Files.readString(RULES));
		while (inRules.find()) {
			used.add(inRules.group(1));
		}
		assertThat(used).contains("sockets_listener_up", "sockets_handling_seconds_bucket", "sockets_errors_total",
				"sockets_chat_deliveries_dropped_total", "jvm_gc_pause_seconds_sum", "sockets_listener_state",
				"sockets_connections_limit", "sockets_connection_duration_seconds_bucket",
				"sockets_tls_handshakes_total", "sockets_tls_handshake_seconds_bucket", "sockets_output_pending_bytes",
				"sockets_reads_paused_total", "ssl_chain_expiry_seconds", "netty_eventexecutor_tasks_pending",
				"netty_allocator_memory_used_bytes");
		assertThat(used).hasSizeGreaterThan(25);
		// Exported only with sockets.chat.cluster=redis; ChatClusterIT scrapes them
		// there.
		used.removeIf((metric) -> metric.startsWith("sockets_chat_cluster_"));
		Actuator actuator = new Actuator(this.managementPort);
		Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(actuator.scrape().names()).containsAll(used));
	}

}
