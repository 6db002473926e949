package dev.sockets.observability;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.annotation.DirtiesContext;

import dev.sockets.listener.Listener;
import dev.sockets.listener.Listeners;
import dev.sockets.support.Actuator;
import dev.sockets.support.SocketsTest;

import static org.assertj.core.api.Assertions.assertThat;

@SocketsTest
@DirtiesContext
class ListenerHealthTest {

	@Autowired
	Listeners listeners;

	@Autowired
	ApplicationContext context;

	@LocalManagementPort
	int managementPort;

	@Test
	void everyListenerIsUpWhileItServes() {
		Actuator.Response health = new Actuator(this.managementPort).get("/actuator/health/listeners");
		assertThat(health.status()).isEqualTo(200);
		assertThat(health.body()).contains("\"status\":\"UP\"", "\"time-tcp\"", "\"time-udp\"", "\"echo-tcp\"",
				"\"echo-udp\"", "\"chat-tcp\"");
		assertThat(new Actuator(this.managementPort).get("/actuator/health/readiness").status()).isEqualTo(200);
		assertThat(new Actuator(this.managementPort).get("/actuator/health/liveness").status()).isEqualTo(200);
	}

	@Test
	void aListenerThatStopsServingIsDownWithTheReasonAndTakesReadinessDown() {
		Actuator actuator = new Actuator(this.managementPort);
		Listener echo = this.listeners.named("echo-tcp").orElseThrow();
		echo.stopServing();
		try {
			Actuator.Response readiness = actuator.get("/actuator/health/readiness");
			assertThat(readiness.status()).isEqualTo(503);
			assertThat(readiness.body()).contains("\"status\":\"DOWN\"", "not accepting connections");
			assertThat(actuator.get("/actuator/health/listeners/echo-tcp").body()).contains("\"status\":\"DOWN\"",
					"\"reason\":\"not accepting connections\"");
			// A listener that cannot serve is not a reason to restart the process.
			assertThat(actuator.get("/actuator/health/liveness").status()).isEqualTo(200);
		}
		finally {
			echo.startServing();
		}
		assertThat(actuator.get("/actuator/health/readiness").status()).isEqualTo(200);
	}

	@Test
	void readinessIsOutOfServiceOnceTheServiceRefusesTraffic() {
		Actuator actuator = new Actuator(this.managementPort);
		// What Spring Boot publishes as soon as shutdown begins.
		AvailabilityChangeEvent.publish(this.context, ReadinessState.REFUSING_TRAFFIC);
		try {
			Actuator.Response readiness = actuator.get("/actuator/health/readiness");
			assertThat(readiness.status()).isEqualTo(503);
			assertThat(readiness.body()).contains("\"status\":\"OUT_OF_SERVICE\"");
		}
		finally {
			AvailabilityChangeEvent.publish(this.context, ReadinessState.ACCEPTING_TRAFFIC);
		}
	}

}
