package dev.sockets.flows;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.sockets.listener.Listeners;
import dev.sockets.support.Actuator;
import dev.sockets.support.ChatUser;
import dev.sockets.support.DatagramClient;
import dev.sockets.support.LineClient;
import dev.sockets.support.SocketsTest;
import dev.sockets.support.TestCertificates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.within;

/**
 * Listeners defined by name beside the default ones: a TLS chat port that shares the
 * plain one's chat, daytime (RFC 867) and time (RFC 868) side by side, echo bound to one
 * address only, each with its own settings and seen under its own name.
 */
@SocketsTest
class NamedListenersTest {

	private static final TestCertificates certificates = TestCertificates.create();

	@DynamicPropertySource
	static void listeners(DynamicPropertyRegistry registry) {
		registry.add("spring.ssl.bundle.pem.server.keystore.certificate",
				() -> "file:" + certificates.certificate("server"));
		registry.add("spring.ssl.bundle.pem.server.keystore.private-key", () -> "file:" + certificates.key("server"));
		registry.add("sockets.time.format", () -> "iso-8601");
		named(registry, "chat-tls", "service=chat", "ssl.bundle=server", "max-connections-per-source=100",
				"connection-rate-per-source=0");
		named(registry, "daytime", "service=time", "time-format=rfc-867");
		named(registry, "time37", "service=time", "time-format=rfc-868");
		named(registry, "time37-udp", "service=time", "protocol=udp", "time-format=rfc-868", "rate-per-source=0");
		named(registry, "echo-inside", "service=echo", "address=127.0.0.2", "greeting=inside", "reply-prefix=OK...");
	}

	private static void named(DynamicPropertyRegistry registry, String name, String... settings) {
		registry.add("sockets.listeners." + name + ".port", () -> "0");
		for (String setting : settings) {
			int equals = setting.indexOf('=');
			registry.add("sockets.listeners." + name + "." + setting.substring(0, equals),
					() -> setting.substring(equals + 1));
		}
	}

	@Autowired
	Listeners listeners;

	@LocalManagementPort
	int managementPort;

	@Test
	void plainAndTlsChatListenersShareOneChat() {
		try (ChatUser plain = ChatUser.join(this.listeners.port("chat-tcp"));
				ChatUser secure = ChatUser.greeted(
						LineClient.connectTls(certificates.clientContext("client"), this.listeners.port("chat-tls")))) {
			assertThat(plain.read()).isEqualTo("* " + secure.nickname() + " joined #lobby");
			secure.say("over tls");
			assertThat(plain.read()).isEqualTo("<" + secure.nickname() + "> over tls");
			plain.say("in the clear");
			assertThat(secure.read()).isEqualTo("<" + plain.nickname() + "> in the clear");
			plain.say("/nick anna");
			assertThat(secure.read()).isEqualTo("* " + plain.nickname() + " is now known as anna");
			assertThat(secure.say("/nick ANNA").read()).isEqualTo("ERR nickname ANNA is taken");
			assertThat(secure.who()).contains("anna", secure.nickname());
		}
	}

	@Test
	void daytimeAndTimeAreServedSideBySideEachInItsFormat() throws IOException {
		try (LineClient daytime = LineClient.connect(this.listeners.port("daytime"))) {
			assertThat(new String(daytime.readToEnd(), StandardCharsets.US_ASCII))
				.matches("\\d{2} [A-Z]{3} \\d{4} \\d{2}:\\d{2}:\\d{2} UTC\r\n");
		}
		try (LineClient time = LineClient.connect(this.listeners.port("time37"))) {
			byte[] seconds = time.readToEnd();
			assertThat(seconds).hasSize(4);
			assertThat(Integer.toUnsignedLong(ByteBuffer.wrap(seconds).getInt()) - 2_208_988_800L)
				.isCloseTo(Instant.now().getEpochSecond(), within(5L));
		}
		try (LineClient iso = LineClient.connect(this.listeners.port("time-tcp"))) {
			assertThat(new String(iso.readToEnd(), StandardCharsets.US_ASCII))
				.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z\r\n");
		}
		try (DatagramClient udp = new DatagramClient(this.listeners.port("time37-udp"))) {
			udp.send(new byte[0]);
			assertThat(udp.receive()).hasValueSatisfying((reply) -> assertThat(reply).hasSize(4));
		}
	}

	@Test
	void aListenerBoundToOneAddressIsNotReachableOnAnother() throws IOException {
		int port = this.listeners.port("echo-inside");
		assertThatExceptionOfType(ConnectException.class).isThrownBy(() -> {
			try (Socket elsewhere = new Socket()) {
				elsewhere.connect(new InetSocketAddress("127.0.0.1", port), 5000);
			}
		});
		try (Socket inside = new Socket()) {
			inside.connect(new InetSocketAddress("127.0.0.2", port), 5000);
			inside.setSoTimeout(5000);
			inside.getOutputStream().write("hi\n".getBytes(StandardCharsets.US_ASCII));
			assertThat(new String(inside.getInputStream().readNBytes("inside\r\nOK...hi\r\n".length()),
					StandardCharsets.US_ASCII))
				.isEqualTo("inside\r\nOK...hi\r\n");
		}
		try (LineClient plain = LineClient.connect(this.listeners.port("echo-tcp"))) {
			assertThat(plain.send("hi").readLine()).isEqualTo("hi");
		}
	}

	@Test
	void metersHealthInfoAndTheLogNameEachListener() {
		Actuator actuator = new Actuator(this.managementPort);
		try (LineClient daytime = LineClient.connect(this.listeners.port("daytime"))) {
			daytime.readToEnd();
		}
		actuator.awaitValue("sockets_connections_opened_total", (value) -> value >= 1, "listener", "daytime", "service",
				"time", "protocol", "tcp", "port", String.valueOf(this.listeners.port("daytime")));
		assertThat(actuator.get("/actuator/health/listeners/chat-tls").body()).contains("\"status\":\"UP\"");
		assertThat(actuator.get("/actuator/health/listeners/time37-udp").body()).contains("\"status\":\"UP\"");
		assertThat(actuator.get("/actuator/info").body()).contains("\"name\":\"echo-inside\"",
				"\"address\":\"127.0.0.2\"");
		assertThat(actuator.scrape().text()).contains("sockets_listener_up{", "listener=\"chat-tls\"");
	}

}
