package dev.sockets.tcp;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLPeerUnverifiedException;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.sockets.listener.Listeners;
import dev.sockets.support.Actuator;
import dev.sockets.support.InstalledProgram;
import dev.sockets.support.LineClient;
import dev.sockets.support.Scrape;
import dev.sockets.support.SocketsTest;
import dev.sockets.support.TestCertificates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * TCP listeners over TLS from a Spring Boot SSL bundle of PEM files: echo asks clients
 * for a certificate from the test authority, chat asks for none.
 */
@SocketsTest
class ListenerTlsTest {

	private static final TestCertificates certificates = TestCertificates.create();

	@DynamicPropertySource
	static void tls(DynamicPropertyRegistry registry) {
		String bundle = "spring.ssl.bundle.pem.server.";
		registry.add(bundle + "keystore.certificate", () -> "file:" + certificates.certificate("server"));
		registry.add(bundle + "keystore.private-key", () -> "file:" + certificates.key("server"));
		registry.add(bundle + "truststore.certificate", () -> "file:" + certificates.certificate("ca"));
		registry.add(bundle + "reload-on-update", () -> "true");
		registry.add("spring.ssl.bundle.watch.file.quiet-period", () -> "200ms");
		registry.add("sockets.echo.tcp.ssl.bundle", () -> "server");
		registry.add("sockets.echo.tcp.ssl.client-auth", () -> "need");
		registry.add("sockets.chat.tcp.ssl.bundle", () -> "server");
		registry.add("sockets.listeners.chat-telnet.service", () -> "chat");
		registry.add("sockets.listeners.chat-telnet.port", () -> "0");
		registry.add("sockets.listeners.chat-telnet.ssl.bundle", () -> "server");
		registry.add("sockets.listeners.chat-telnet.telnet", () -> "on");
	}

	@Autowired
	Listeners listeners;

	@LocalManagementPort
	int managementPort;

	private int echoPort() {
		return this.listeners.port("echo-tcp");
	}

	private Actuator actuator() {
		return new Actuator(this.managementPort);
	}

	private LineClient echoAs(String client) {
		return LineClient.connectTls(certificates.clientContext(client), echoPort());
	}

	private void assertEchoServesATrustedClient() {
		try (LineClient trusted = echoAs("client")) {
			assertThat(trusted.send("hello over tls").readLine()).isEqualTo("hello over tls");
		}
	}

	private void assertRefused(String client) {
		assertThatThrownBy(() -> {
			try (LineClient refused = echoAs(client)) {
				// With TLS 1.3 the server judges the client's certificate after the
				// client thinks the
				// handshake is done: the refusal arrives as the connection ends instead
				// of a reply.
				refused.send("let me in").readLine();
			}
		}).isInstanceOfAny(IllegalStateException.class, AssertionError.class);
	}

	private static String commonName(LineClient client) throws SSLPeerUnverifiedException {
		return ((X509Certificate) client.tlsSession().getPeerCertificates()[0]).getSubjectX500Principal().getName();
	}

	@Test
	void aClientWithATrustedCertificateIsServed() throws SSLPeerUnverifiedException {
		try (LineClient client = echoAs("client")) {
			assertThat(client.send("hello").readLine()).isEqualTo("hello");
			assertThat(client.tlsSession().getProtocol()).isEqualTo("TLSv1.3");
			assertThat(commonName(client)).startsWith("CN=localhost");
		}
	}

	@Test
	void aCertificateFromAnUntrustedAuthorityIsRefusedAndCounted() {
		Scrape before = actuator().scrape();
		assertRefused("rogue-client");
		actuator().awaitIncrease(before, "sockets_connections_rejected_total", 1, "service", "echo", "reason", "tls");
		assertThat(actuator().scrape().value("sockets_connections_opened_total", "service", "echo"))
			.isEqualTo(before.value("sockets_connections_opened_total", "service", "echo"));
		assertEchoServesATrustedClient();
	}

	@Test
	void noCertificateIsRefusedWhereOneIsNeeded() {
		Scrape before = actuator().scrape();
		assertRefused(null);
		actuator().awaitIncrease(before, "sockets_connections_rejected_total", 1, "service", "echo", "reason", "tls");
		assertEchoServesATrustedClient();
	}

	@Test
	void plainTextOnATlsPortGetsNothingButTheClose() {
		Scrape before = actuator().scrape();
		try (LineClient plain = LineClient.connect(echoPort())) {
			plain.send("hello");
			// A TLS alert record at most; never an echo.
			assertThat(new String(plain.readToEnd(), StandardCharsets.ISO_8859_1)).doesNotContain("hello");
		}
		actuator().awaitIncrease(before, "sockets_connections_rejected_total", 1, "service", "echo", "reason", "tls");
		assertEchoServesATrustedClient();
	}

	@Test
	void opensslSClientChatsAndEchoes() throws Exception {
		List<String> chat = sClient(this.listeners.port("chat-tcp"), null, "/who", "* In #lobby: ");
		assertThat(chat).first().isEqualTo("* Welcome to chat.");
		assertThat(chat).last().asString().startsWith("* In #lobby: ");
		assertThat(sClient(echoPort(), "client", "echoed by openssl", "echoed by openssl"))
			.containsExactly("echoed by openssl");
	}

	@Test
	void aConnectionTheServerClosesEndsAfterItsLastLineAndIsOnlyHalfClosed() {
		try (LineClient client = LineClient.connectTls(certificates.clientContext("client"),
				this.listeners.port("chat-tcp"))) {
			client.send("/quit see you");
			assertThat(client.readLineStartingWith("* Bye.")).isEqualTo("* Bye.");
			client.assertClosedByServer();
			// TLS 1.3 closes each direction on its own: what the client still sends is
			// taken, where a socket closed outright would answer it with a reset.
			await().during(Duration.ofMillis(300))
				.atMost(Duration.ofSeconds(5))
				.until(() -> client.send("still typing") == client);
		}
	}

	@Test
	void telnetNegotiatesOnceTheHandshakeIsDone() {
		try (LineClient client = LineClient.connectTls(certificates.clientContext("client"),
				this.listeners.port("chat-telnet"))) {
			// IAC DO BINARY, before the greeting.
			assertThat(client.readBytes(3)).isEqualTo(new byte[] { (byte) 255, (byte) 253, 0 });
			assertThat(client.readLine()).isEqualTo("* Welcome to chat.");
		}
	}

	@Test
	void aRenewedCertificateIsServedWithoutARestart() throws SSLPeerUnverifiedException {
		try (LineClient before = echoAs("client")) {
			assertThat(commonName(before)).startsWith("CN=localhost");
			certificates.renewServer("localhost-renewed");
			Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
				try (LineClient after = echoAs("client")) {
					assertThat(commonName(after)).isEqualTo("CN=localhost-renewed");
					assertThat(after.send("renewed").readLine()).isEqualTo("renewed");
				}
			});
			// A connection made before the renewal keeps its session.
			assertThat(before.send("still here").readLine()).isEqualTo("still here");
		}
	}

	/**
	 * Runs {@code openssl s_client} as a user would, verifying the server's certificate,
	 * sends a line and collects what comes back until a line starting with {@code until}.
	 */
	private static List<String> sClient(int port, String clientCertificate, String line, String until)
			throws Exception {
		List<String> args = new ArrayList<>(List.of("s_client", "-connect", "127.0.0.1:" + port, "-CAfile",
				certificates.certificate("ca").toString(), "-verify_ip", "127.0.0.1", "-verify_return_error",
				"-quiet"));
		if (clientCertificate != null) {
			args.addAll(List.of("-cert", certificates.certificate(clientCertificate).toString(), "-key",
					certificates.key(clientCertificate).toString()));
		}
		Process process = InstalledProgram.openssl()
			.command(args.toArray(String[]::new))
			.redirectError(ProcessBuilder.Redirect.DISCARD)
			.start();
		try {
			OutputStream in = process.getOutputStream();
			in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
			in.flush();
			BufferedReader out = new BufferedReader(
					new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
			return CompletableFuture.supplyAsync(() -> {
				List<String> lines = new ArrayList<>();
				try {
					String received;
					while ((received = out.readLine()) != null) {
						lines.add(received);
						if (received.startsWith(until)) {
							break;
						}
					}
				}
				catch (java.io.IOException ex) {
					throw new IllegalStateException(ex);
				}
				return lines;
			}).get(30, TimeUnit.SECONDS);
		}
		finally {
			process.destroy();
			process.waitFor(10, TimeUnit.SECONDS);
		}
	}

}
