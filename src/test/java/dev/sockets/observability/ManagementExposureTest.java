package dev.sockets.observability;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalManagementPort;

import dev.sockets.support.Actuator;
import dev.sockets.support.SocketsTest;

import static org.assertj.core.api.Assertions.assertThat;

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
		assertThat(links).doesNotContain("\"sockets\"", "\"env\"", "\"beans\"", "\"configprops\"",
				"\"loggers\"", "\"heapdump\"", "\"shutdown\"", "\"integrationgraph\"");
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

}
