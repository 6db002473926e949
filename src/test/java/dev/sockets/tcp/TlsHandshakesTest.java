package dev.sockets.tcp;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

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

/**
 * TLS handshakes counted by outcome and by the reason of a failure, and timed, with
 * {@code openssl s_client} as the client an operator would try: the listener accepts TLS
 * 1.3 with one cipher suite only, and needs a client certificate from the test authority.
 */
@SocketsTest
class TlsHandshakesTest {

	private static final String LISTENER = "echo-strict";

	/** The same, with a short handshake timeout: too short for a cold start's first. */
	private static final String HASTY = "echo-hasty";

	private static final TestCertificates certificates = TestCertificates.create();

	@DynamicPropertySource
	static void tls(DynamicPropertyRegistry registry) {
		String bundle = "spring.ssl.bundle.pem.strict.";
		registry.add(bundle + "keystore.certificate", () -> "file:" + certificates.certificate("server"));
		registry.add(bundle + "keystore.private-key", () -> "file:" + certificates.key("server"));
		registry.add(bundle + "truststore.certificate", () -> "file:" + certificates.certificate("ca"));
		registry.add(bundle + "options.enabled-protocols", () -> "TLSv1.3");
		registry.add(bundle + "options.ciphers", () -> "TLS_AES_256_GCM_SHA384");
		for (String name : List.of(LISTENER, HASTY)) {
			String listener = "sockets.listeners." + name + ".";
			registry.add(listener + "service", () -> "echo");
			registry.add(listener + "port", () -> "0");
			registry.add(listener + "connection-rate-per-source", () -> "0");
			registry.add(listener + "ssl.bundle", () -> "strict");
			registry.add(listener + "ssl.client-auth", () -> "need");
		}
		registry.add("sockets.listeners." + HASTY + ".ssl.handshake-timeout", () -> "500ms");
	}

	@Autowired
	Listeners listeners;

	@LocalManagementPort
	int managementPort;

	private Actuator actuator() {
		return new Actuator(this.managementPort);
	}

	private static String[] handshakes(String outcome, String reason) {
		return handshakes(LISTENER, outcome, reason);
	}

	private static String[] handshakes(String listener, String outcome, String reason) {
		return new String[] { "listener", listener, "outcome", outcome, "reason", reason };
	}

	@Test
	void aTrustedClientCountsASuccessAndItsHandshakeTime() {
		Scrape before = actuator().scrape();
		// A client that goes on to be served, and to show which suite it got: the one
		// suite the bundle allows.
		try (LineClient client = LineClient.connectTls(certificates.clientContext("client"), port())) {
			assertThat(client.send("hello").readLine()).isEqualTo("hello");
			assertThat(client.tlsSession().getCipherSuite()).isEqualTo("TLS_AES_256_GCM_SHA384");
		}
		actuator().awaitIncrease(before, "sockets_tls_handshakes_total", 1, handshakes("success", "none"));
		Scrape after = actuator().scrape();
		String[] listener = { "listener", LISTENER };
		assertThat(after.value("sockets_tls_handshake_seconds_count", listener))
			.isEqualTo(before.value("sockets_tls_handshake_seconds_count", listener) + 1);
		assertThat(after.value("sockets_tls_handshake_seconds_sum", listener))
			.isGreaterThan(before.value("sockets_tls_handshake_seconds_sum", listener));
		// A handshake over loopback takes well under ten seconds: it is in that bucket.
		assertThat(after.value("sockets_tls_handshake_seconds_bucket", "listener", LISTENER, "le", "10.0"))
			.isEqualTo(before.value("sockets_tls_handshake_seconds_bucket", "listener", LISTENER, "le", "10.0") + 1);
		assertThat(after.sum("sockets_tls_handshakes_total", "listener", LISTENER, "outcome", "failure"))
			.isEqualTo(before.sum("sockets_tls_handshakes_total", "listener", LISTENER, "outcome", "failure"));
	}

	@Test
	void anOlderProtocolThanTheBundleAllowsIsNoCommonProtocol() {
		assertFailure("no_common_protocol", () -> sClient("-tls1_2", "-cert",
				certificates.certificate("client").toString(), "-key", certificates.key("client").toString()));
	}

	@Test
	void cipherSuitesTheBundleDoesNotAllowAreNoCommonCipher() {
		assertFailure("no_common_cipher", () -> sClient("-ciphersuites", "TLS_CHACHA20_POLY1305_SHA256", "-cert",
				certificates.certificate("client").toString(), "-key", certificates.key("client").toString()));
	}

	@Test
	void noCertificateWhereOneIsNeededIsClientCertificateMissing() {
		assertFailure("client_certificate_missing", () -> sClient());
	}

	@Test
	void aCertificateFromAnUnknownAuthorityIsClientCertificateUntrusted() {
		assertFailure("client_certificate_untrusted",
				() -> sClient("-cert", certificates.certificate("rogue-client").toString(), "-key",
						certificates.key("rogue-client").toString()));
	}

	@Test
	void aClientThatDoesNotTrustTheServerIsServerCertificateRejected() {
		assertFailure("server_certificate_rejected",
				() -> openssl("-CAfile", certificates.certificate("rogue-ca").toString(), "-cert",
						certificates.certificate("client").toString(), "-key", certificates.key("client").toString()));
	}

	@Test
	void plainTextIsNotTls() {
		assertFailure("not_tls", () -> {
			try (LineClient plain = LineClient.connect(port())) {
				plain.send("hello");
				assertThat(new String(plain.readToEnd(), StandardCharsets.ISO_8859_1)).doesNotContain("hello");
			}
		});
	}

	@Test
	void aClientThatSaysNothingTimesOut() {
		assertFailure(HASTY, "timeout", () -> {
			try (Socket silent = new Socket()) {
				silent.connect(new InetSocketAddress("127.0.0.1", this.listeners.port(HASTY)));
				silent.setSoTimeout(10_000);
				// The server gives up after the handshake timeout, and closes.
				try (InputStream in = silent.getInputStream()) {
					assertThat(in.readAllBytes()).isEmpty();
				}
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		});
	}

	@Test
	void aClientThatHangsUpIsClientClosed() {
		assertFailure("client_closed", () -> {
			try (Socket probe = new Socket()) {
				// What a load balancer's plain TCP health check does.
				probe.connect(new InetSocketAddress("127.0.0.1", port()));
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		});
	}

	@Test
	void theCertificateExpiryIsExportedUnderTheNameTheAlertUses() {
		// The test certificates are valid for two days.
		double seconds = actuator().scrape().value("ssl_chain_expiry_seconds", "bundle", "strict");
		assertThat(seconds).isBetween(86_400.0, 2 * 86_400.0);
	}

	private void assertFailure(String reason, Runnable client) {
		assertFailure(LISTENER, reason, client);
	}

	private void assertFailure(String listener, String reason, Runnable client) {
		Scrape before = actuator().scrape();
		client.run();
		actuator().awaitIncrease(before, "sockets_tls_handshakes_total", 1, handshakes(listener, "failure", reason));
		Scrape after = actuator().scrape();
		assertThat(after.sum("sockets_tls_handshakes_total", "listener", listener, "outcome", "failure"))
			.as("one failure, of one reason")
			.isEqualTo(before.sum("sockets_tls_handshakes_total", "listener", listener, "outcome", "failure") + 1);
		assertThat(after.value("sockets_tls_handshakes_total", handshakes(listener, "success", "none")))
			.isEqualTo(before.value("sockets_tls_handshakes_total", handshakes(listener, "success", "none")));
		// Still a rejection, as before handshakes were counted on their own.
		assertThat(after.value("sockets_connections_rejected_total", "listener", listener, "reason", "tls"))
			.isEqualTo(before.value("sockets_connections_rejected_total", "listener", listener, "reason", "tls") + 1);
	}

	private int port() {
		return this.listeners.port(LISTENER);
	}

	/**
	 * Runs {@code openssl s_client} trusting the test authority, as a user would.
	 */
	private InstalledProgram.Result sClient(String... more) {
		List<String> args = new ArrayList<>(List.of("-CAfile", certificates.certificate("ca").toString()));
		args.addAll(List.of(more));
		return openssl(args.toArray(String[]::new));
	}

	private InstalledProgram.Result openssl(String... more) {
		List<String> args = new ArrayList<>(List.of("s_client", "-connect", "127.0.0.1:" + port(), "-verify_ip",
				"127.0.0.1", "-verify_return_error"));
		args.addAll(List.of(more));
		return InstalledProgram.openssl().run("ping\n", args.toArray(String[]::new));
	}

}
