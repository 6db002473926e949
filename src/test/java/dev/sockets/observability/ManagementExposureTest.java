package dev.sockets.observability;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.context.TestPropertySource;

import dev.sockets.support.Actuator;
import dev.sockets.support.SocketsTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What the management server shows when the operator has changed nothing.
 */
@SocketsTest
class ManagementExposureTest {

	@LocalManagementPort
	int managementPort;

	@Test
	void onlyHealthInfoMetricsAndPrometheusAreExposed() {
		Actuator actuator = new Actuator(this.managementPort);
		String links = actuator.get("/actuator").body();
		assertThat(links).contains("\"health\"", "\"info\"", "\"metrics\"", "\"prometheus\"");
		assertThat(links).doesNotContain("\"sockets\"", "\"env\"", "\"beans\"", "\"configprops\"", "\"loggers\"",
				"\"heapdump\"", "\"shutdown\"", "\"integrationgraph\"");
		assertThat(actuator.get("/actuator/sockets").status()).isEqualTo(404);
		assertThat(actuator.get("/actuator/env").status()).isEqualTo(404);
	}

	@Test
	void infoShowsTheBuildAndTheListeners() {
		String info = new Actuator(this.managementPort).get("/actuator/info").body();
		assertThat(info).containsPattern("\"build\":\\{[^}]*\"version\":\"[^\"]+\"");
		assertThat(info).containsPattern("\"build\":\\{[^}]*\"time\":\"[^\"]+\"");
		assertThat(info).contains("\"listeners\":[");
		assertThat(info).containsPattern("\\{[^}]*\"service\":\"chat\"[^}]*\\}");
		assertThat(info).containsPattern("\\{[^}]*\"protocol\":\"udp\"[^}]*\\}");
	}

	@Test
	void errorsShowNoInternals() {
		Actuator.Response missing = new Actuator(this.managementPort).get("/actuator/nothing-here?x=%00");
		assertThat(missing.status()).isEqualTo(404);
		assertThat(missing.body()).doesNotContain("Exception", "at org.", "at dev.", "trace");
	}

	/**
	 * The management server on an address of its own, such as a pod-internal or admin
	 * network, while the services listen elsewhere.
	 */
	@Nested
	@TestPropertySource(properties = "management.server.address=127.0.0.2")
	class OnItsOwnAddress {

		@LocalManagementPort
		int managementPort;

		@Test
		void answersOnlyThere() {
			assertThat(new Actuator("127.0.0.2", this.managementPort).get("/actuator/health").status()).isEqualTo(200);
			assertThatExceptionOfType(ConnectException.class).isThrownBy(() -> {
				try (Socket socket = new Socket()) {
					socket.connect(new InetSocketAddress("127.0.0.1", this.managementPort), 2000);
				}
			});
		}

	}

}
