package dev.sockets;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.sockets.support.Actuator;
import dev.sockets.support.LineClient;
import dev.sockets.support.RedisServer;
import dev.sockets.support.ServiceProcess;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The built jar, run as an operator runs it: {@code java -jar}, a
 * {@code config/application.yml} beside it, environment variables on top.
 */
class ExecutableJarIT {

	private static final Map<String, String> EPHEMERAL_PORTS = Map.of("SOCKETS_BIND_ADDRESS", "127.0.0.1",
			"SOCKETS_TIME_TCP_PORT", "0", "SOCKETS_TIME_UDP_PORT", "0", "SOCKETS_ECHO_UDP_PORT", "0",
			"SOCKETS_CHAT_TCP_PORT", "0", "MANAGEMENT_SERVER_PORT", "0");

	@Test
	void readsConfigBesideItAndLetsTheEnvironmentOverrideIt(@TempDir Path directory) throws IOException {
		Files.createDirectories(directory.resolve("config"));
		Files.writeString(directory.resolve("config/application.yml"), """
				sockets:
				  echo:
				    greeting: "hello from yaml"
				    reply-prefix: "yaml> "
				    tcp:
				      port: 0
				""");
		Map<String, String> environment = new java.util.HashMap<>(EPHEMERAL_PORTS);
		environment.put("SOCKETS_ECHO_REPLYPREFIX", "env> ");
		try (ServiceProcess service = ServiceProcess.start(directory, environment)) {
			int port = service.awaitPort("echo-tcp");
			try (LineClient client = LineClient.connect(port)) {
				assertThat(client.readLine()).isEqualTo("hello from yaml");
				assertThat(client.send("ping").readLine()).isEqualTo("env> ping");
			}
		}
	}

	@Test
	void aNamedListenerCanBeConfiguredFromEnvironmentVariablesAlone(@TempDir Path directory) {
		Map<String, String> environment = new java.util.HashMap<>(EPHEMERAL_PORTS);
		environment.put("SOCKETS_LISTENERS_DAYTIME_SERVICE", "time");
		environment.put("SOCKETS_LISTENERS_DAYTIME_PORT", "0");
		environment.put("SOCKETS_LISTENERS_DAYTIME_TIMEFORMAT", "rfc-867");
		try (ServiceProcess service = ServiceProcess.start(directory, environment)) {
			int port = service.awaitPort("daytime");
			try (LineClient client = LineClient.connect(port)) {
				assertThat(client.readLine()).matches("\\d{2} [A-Z]{3} \\d{4} \\d{2}:\\d{2}:\\d{2} UTC");
			}
		}
	}

	@Test
	void percentilesAskedOfMicrometerAreExported(@TempDir Path directory) {
		// The service's own timers are histograms, which Prometheus cannot also show as
		// quantiles; the JVM's GC pause timer is not, so its quantiles come from
		// HdrHistogram.
		try (ServiceProcess service = ServiceProcess.start(directory, EPHEMERAL_PORTS, "--sockets.echo.tcp.port=0",
				"--management.metrics.distribution.percentiles.sockets.connection.duration=0.5,0.99",
				"--management.metrics.distribution.percentiles.jvm.gc.pause=0.5,0.99")) {
			int port = service.awaitPort("echo-tcp");
			try (LineClient client = LineClient.connect(port)) {
				assertThat(client.send("measured").readLine()).isEqualTo("measured");
			}
			Actuator actuator = new Actuator(service.awaitManagementPort());
			service.heapAfterFullGcKb();
			Awaitility.await()
				.atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(actuator.scrape().text())
					.containsPattern("jvm_gc_pause_seconds\\{[^}]*quantile=\"0\\.99\"[^}]*} ")
					.containsPattern("sockets_connection_duration_seconds_count\\{[^}]*listener=\"echo-tcp\"[^}]*} 1"));
		}
	}

	@Test
	void aDefaultStartRunsNothingOfRedisAndAClusteredOneDoes(@TempDir Path alone, @TempDir Path clustered) {
		try (ServiceProcess service = ServiceProcess.start(alone, EPHEMERAL_PORTS, "--sockets.echo.tcp.port=0")) {
			Actuator actuator = new Actuator(service.awaitManagementPort());
			assertThat(service.threadNames()).as("threads of a default start").noneMatch(ExecutableJarIT::ofRedis);
			assertThat(actuator.get("/actuator/health").body()).doesNotContain("redis");
		}
		try (RedisServer redis = RedisServer.start();
				ServiceProcess service = ServiceProcess.start(clustered, EPHEMERAL_PORTS, "--sockets.echo.tcp.port=0",
						"--sockets.chat.cluster=redis", "--spring.data.redis.port=" + redis.port())) {
			service.awaitManagementPort();
			assertThat(service.threadNames()).as("threads of a clustered start").anyMatch(ExecutableJarIT::ofRedis);
		}
	}

	private static boolean ofRedis(String thread) {
		return thread.toLowerCase(Locale.ROOT).contains("lettuce");
	}

	@Test
	void theJarCarriesWhatMicrometerNeedsAtRunTime() throws IOException {
		try (ZipFile jar = new ZipFile(Path.of("target", "sockets.jar").toFile())) {
			assertThat(jar.stream().map(ZipEntry::getName))
				.anyMatch((name) -> name.matches("BOOT-INF/lib/HdrHistogram-[\\d.]+\\.jar"));
		}
	}

	@Test
	void structuredLoggingCarriesTheConnectionLogAsFields(@TempDir Path directory) {
		Map<String, String> environment = new java.util.HashMap<>(EPHEMERAL_PORTS);
		environment.put("SOCKETS_ECHO_TCP_PORT", "0");
		try (ServiceProcess service = ServiceProcess.start(directory, environment,
				"--logging.structured.format.console=ecs")) {
			int port = service.awaitPort("echo-tcp");
			try (LineClient client = LineClient.connect(port)) {
				assertThat(client.send("structured").readLine()).isEqualTo("structured");
			}
			JsonNode[] line = new JsonNode[1];
			Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
				line[0] = service.output()
					.lines()
					.filter((text) -> text.startsWith("{") && text.contains("dev.sockets.connections"))
					.map((text) -> JsonMapper.shared().readTree(text))
					.findFirst()
					.orElse(null);
				return line[0] != null;
			});
			JsonNode log = line[0];
			assertThat(log.at("/log/level").asString()).isEqualTo("INFO");
			assertThat(log.get("message").asString()).contains("echo-tcp 127.0.0.1:", "closed after");
			assertThat(log.get("listener").asString()).isEqualTo("echo-tcp");
			assertThat(log.get("remote").asString()).startsWith("127.0.0.1:");
			assertThat(log.get("bytes_in").asLong()).isEqualTo(11);
			assertThat(log.get("bytes_out").asLong()).isEqualTo(12);
			assertThat(log.get("duration_seconds").asDouble()).isPositive();
			assertThat(log.get("reason").asString()).isEqualTo("client_closed");
		}
	}

	@Test
	void aPortInUseEndsTheProcessWithAnErrorNamingTheListener(@TempDir Path directory) throws IOException {
		try (ServerSocket taken = new ServerSocket()) {
			taken.bind(new InetSocketAddress("127.0.0.1", 0));
			Map<String, String> environment = new java.util.HashMap<>(EPHEMERAL_PORTS);
			environment.put("SOCKETS_ECHO_TCP_PORT", String.valueOf(taken.getLocalPort()));
			try (ServiceProcess service = ServiceProcess.start(directory, environment)) {
				assertThat(service.awaitExit(Duration.ofSeconds(60))).isNotZero();
				assertThat(service.output())
					.contains("The listener echo-tcp (echo over tcp) could not listen on TCP port "
							+ taken.getLocalPort() + " at 127.0.0.1", "SOCKETS_ECHO_TCP_PORT");
			}
		}
	}

	@Test
	void invalidConfigurationEndsTheProcessWithAnErrorNamingTheProperty(@TempDir Path directory) {
		Map<String, String> environment = new java.util.HashMap<>(EPHEMERAL_PORTS);
		environment.put("SOCKETS_ECHO_TCP_PORT", "99999");
		try (ServiceProcess service = ServiceProcess.start(directory, environment)) {
			assertThat(service.awaitExit(Duration.ofSeconds(60))).isNotZero();
			assertThat(service.output()).contains("Property: sockets.echo.tcp.port", "Value: \"99999\"");
		}
	}

}
