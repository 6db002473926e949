package dev.sockets.tcp;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.sockets.listener.Listeners;
import dev.sockets.support.Actuator;
import dev.sockets.support.ChatUser;
import dev.sockets.support.Haproxy;
import dev.sockets.support.Haproxy.Header;
import dev.sockets.support.Haproxy.Route;
import dev.sockets.support.LineClient;
import dev.sockets.support.Scrape;
import dev.sockets.support.SocketsTest;
import dev.sockets.support.TestCertificates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Listeners behind a real load balancer, {@code haproxy}, that sends PROXY protocol
 * headers (v1 with {@code send-proxy}, v2 with {@code send-proxy-v2}); each client binds
 * its own loopback address, as distinct clients on the internet would have distinct
 * addresses, and haproxy connects to the service from 127.0.0.1, the one trusted proxy.
 */
@SocketsTest
@ExtendWith(OutputCaptureExtension.class)
class ProxyProtocolTest {

	private static final TestCertificates certificates = TestCertificates.create();

	private static Haproxy haproxy;

	@DynamicPropertySource
	static void listeners(DynamicPropertyRegistry registry) {
		registry.add("spring.ssl.bundle.pem.server.keystore.certificate",
				() -> "file:" + certificates.certificate("server"));
		registry.add("spring.ssl.bundle.pem.server.keystore.private-key", () -> "file:" + certificates.key("server"));
		registry.add("management.endpoints.web.exposure.include", () -> "health,prometheus,sockets");
		behindTheProxy(registry, "chat-lb", "chat", "required");
		registry.add("sockets.listeners.chat-lb.max-connections-per-source", () -> "2");
		registry.add("sockets.listeners.chat-lb.deny", () -> "127.0.0.66");
		registry.add("sockets.listeners.chat-lb.proxy-protocol.header-timeout", () -> "1s");
		behindTheProxy(registry, "time-lb", "time", "required");
		registry.add("sockets.listeners.time-lb.time-format", () -> "rfc-867");
		behindTheProxy(registry, "echo-tls-lb", "echo", "required");
		registry.add("sockets.listeners.echo-tls-lb.ssl.bundle", () -> "server");
		behindTheProxy(registry, "echo-lb", "echo", "optional");
		registry.add("sockets.listeners.echo-lb.greeting", () -> "hello from echo");
	}

	private static void behindTheProxy(DynamicPropertyRegistry registry, String name, String service, String mode) {
		String prefix = "sockets.listeners." + name + ".";
		registry.add(prefix + "service", () -> service);
		registry.add(prefix + "port", () -> "0");
		registry.add(prefix + "proxy-protocol.mode", () -> mode);
		registry.add(prefix + "proxy-protocol.trusted-proxies", () -> "127.0.0.1");
		registry.add(prefix + "connection-rate-per-source", () -> "0");
	}

	@Autowired
	Listeners listeners;

	@LocalManagementPort
	int managementPort;

	private Actuator actuator() {
		return new Actuator(this.managementPort);
	}

	private int proxied(String route) {
		if (haproxy == null) {
			haproxy = Haproxy.start(List.of(new Route("chat-v1", this.listeners.port("chat-lb"), Header.V1),
					new Route("chat-v2", this.listeners.port("chat-lb"), Header.V2),
					new Route("time-v2", this.listeners.port("time-lb"), Header.V2),
					new Route("echo-tls-v2", this.listeners.port("echo-tls-lb"), Header.V2),
					new Route("echo-v1", this.listeners.port("echo-lb"), Header.V1),
					new Route("echo-bare", this.listeners.port("echo-lb"), Header.NONE)));
		}
		return haproxy.port(route);
	}

	@AfterAll
	static void stopHaproxy() {
		if (haproxy != null) {
			haproxy.close();
		}
	}

	private String sockets() {
		return actuator().get("/actuator/sockets").body();
	}

	@Test
	void everyClientIsSeenAtItsOwnAddressOverEitherVersion(CapturedOutput output) {
		try (ChatUser ann = ChatUser.join("127.0.0.2", proxied("chat-v1"));
				ChatUser bob = ChatUser.join("127.0.0.3", proxied("chat-v2"))) {
			int annPort = ann.client().localPort();
			assertThat(sockets()).containsPattern(
					"\"listener\":\"chat-lb\",\"service\":\"chat\",\"protocol\":\"tcp\",\"remoteAddress\":\"127\\.0\\.0\\.2:"
							+ annPort + "\",\"proxyAddress\":\"127\\.0\\.0\\.1:\\d+\"")
				.contains("\"remoteAddress\":\"127.0.0.3:" + bob.client().localPort() + "\"");
			ann.say("hello bob");
			assertThat(bob.client().readLineStartingWith("<")).isEqualTo("<" + ann.nickname() + "> hello bob");
		}
		await().untilAsserted(() -> assertThat(output.getOut())
			.containsPattern("chat-lb 127\\.0\\.0\\.2:\\d+ via 127\\.0\\.0\\.1:\\d+ closed after")
			.containsPattern("chat-lb 127\\.0\\.0\\.3:\\d+ via 127\\.0\\.0\\.1:\\d+ closed after"));
	}

	@Test
	void perSourceLimitsApplyToEachClientBehindTheProxy() {
		Scrape before = actuator().scrape();
		try (ChatUser one = ChatUser.join("127.0.0.4", proxied("chat-v2"));
				ChatUser two = ChatUser.join("127.0.0.4", proxied("chat-v1"));
				LineClient third = LineClient.connectFrom("127.0.0.4", proxied("chat-v2"))) {
			assertThat(third.readLine()).isEqualTo("ERR too many connections from your address (max 2)");
			third.assertClosedByServer();
			// Another client behind the same proxy is not held to the first one's limit.
			try (ChatUser other = ChatUser.join("127.0.0.5", proxied("chat-v2"))) {
				assertThat(other.nickname()).isNotEmpty();
			}
		}
		actuator().awaitIncrease(before, "sockets_connections_rejected_total", 1, "listener", "chat-lb", "reason",
				"per_source");
	}

	@Test
	void accessRulesApplyToTheClientsOwnAddress() {
		Scrape before = actuator().scrape();
		try (LineClient denied = LineClient.connectFrom("127.0.0.66", proxied("chat-v1"))) {
			denied.assertClosedByServer();
		}
		try (ChatUser allowed = ChatUser.join("127.0.0.7", proxied("chat-v1"))) {
			assertThat(allowed.nickname()).isNotEmpty();
		}
		actuator().awaitIncrease(before, "sockets_connections_rejected_total", 1, "listener", "chat-lb", "reason",
				"denied");
	}

	@Test
	void tlsWorksBehindTheProxy() {
		try (LineClient client = LineClient.connectTlsFrom("127.0.0.8", certificates.clientContext("client"),
				proxied("echo-tls-v2"))) {
			assertThat(client.send("over tls, through haproxy").readLine()).isEqualTo("over tls, through haproxy");
			assertThat(sockets()).contains("\"listener\":\"echo-tls-lb\"",
					"\"remoteAddress\":\"127.0.0.8:" + client.localPort() + "\"");
		}
	}

	@Test
	void theTimeIsWrittenOnlyOnceTheHeaderHasArrived() throws IOException {
		try (LineClient client = LineClient.connectFrom("127.0.0.9", proxied("time-v2"))) {
			assertThat(client.readLine()).matches("\\d{2} [A-Z]{3} \\d{4} \\d{2}:\\d{2}:\\d{2} UTC");
		}
		try (Socket direct = trustedPeer("time-lb")) {
			assertNothingArrives(direct);
			direct.getOutputStream()
				.write("PROXY TCP4 192.0.2.7 127.0.0.1 5555 13\r\n".getBytes(StandardCharsets.US_ASCII));
			assertThat(new String(direct.getInputStream().readAllBytes(), StandardCharsets.US_ASCII))
				.matches("\\d{2} [A-Z]{3} \\d{4} \\d{2}:\\d{2}:\\d{2} UTC\r\n");
		}
	}

	@Test
	void theGreetingWaitsForTheHeaderAndFollowsIt() throws IOException {
		try (LineClient client = LineClient.connectFrom("127.0.0.10", proxied("echo-v1"))) {
			assertThat(client.readLine()).isEqualTo("hello from echo");
			assertThat(client.send("ping").readLine()).isEqualTo("ping");
			assertThat(sockets()).contains("\"remoteAddress\":\"127.0.0.10:" + client.localPort() + "\"");
		}
		try (Socket direct = trustedPeer("echo-lb")) {
			assertNothingArrives(direct);
			direct.getOutputStream()
				.write("PROXY TCP4 192.0.2.8 127.0.0.1 5556 7\r\nsaid at once\n".getBytes(StandardCharsets.US_ASCII));
			InputStream in = direct.getInputStream();
			assertThat(new String(in.readNBytes("hello from echo\r\nsaid at once\r\n".length()),
					StandardCharsets.US_ASCII))
				.isEqualTo("hello from echo\r\nsaid at once\r\n");
		}
	}

	@Test
	void optionalWithoutAHeaderServesTheProxyAsTheClientOnceTheClientSpeaks() {
		try (LineClient client = LineClient.connectFrom("127.0.0.11", proxied("echo-bare"))) {
			// The greeting waits for the client's first bytes: they tell that no header
			// is coming.
			client.send("first");
			assertThat(client.readLine()).isEqualTo("hello from echo");
			assertThat(client.readLine()).isEqualTo("first");
			assertThat(sockets()).containsPattern("\"listener\":\"echo-lb\",[^}]*\"remoteAddress\":\"127\\.0\\.0\\.1:");
		}
	}

	@Test
	void aPeerThatIsNotATrustedProxyIsClosedWithoutAByteWhereAHeaderIsRequired() {
		Scrape before = actuator().scrape();
		try (LineClient direct = LineClient.connectFrom("127.0.0.12", this.listeners.port("chat-lb"))) {
			direct.assertClosedByServer();
		}
		actuator().awaitIncrease(before, "sockets_connections_rejected_total", 1, "listener", "chat-lb", "reason",
				"proxy_header");
	}

	@Test
	void garbageOrNothingFromTheProxyIsClosedWithoutAByteOfService() throws IOException {
		Scrape before = actuator().scrape();
		try (Socket garbage = trustedPeer("chat-lb")) {
			garbage.getOutputStream().write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
			assertThat(garbage.getInputStream().readAllBytes()).isEmpty();
		}
		try (Socket silent = trustedPeer("chat-lb")) {
			// The listener's header timeout is one second.
			silent.setSoTimeout(10_000);
			assertThat(silent.getInputStream().readAllBytes()).isEmpty();
		}
		actuator().awaitIncrease(before, "sockets_connections_rejected_total", 2, "listener", "chat-lb", "reason",
				"proxy_header");
	}

	private Socket trustedPeer(String listener) throws IOException {
		Socket socket = new Socket();
		socket.bind(new InetSocketAddress("127.0.0.1", 0));
		socket.connect(new InetSocketAddress("127.0.0.1", this.listeners.port(listener)), 5000);
		socket.setSoTimeout(5000);
		return socket;
	}

	/**
	 * Nothing is served for half a second: the listener is waiting for the header.
	 */
	private static void assertNothingArrives(Socket socket) throws IOException {
		socket.setSoTimeout(500);
		assertThatExceptionOfType(SocketTimeoutException.class).isThrownBy(() -> socket.getInputStream().read());
		socket.setSoTimeout(5000);
	}

}
