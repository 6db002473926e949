package dev.sockets.cluster;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RedisClusterPropertiesTest {

	private static RedisClusterProperties bind(Map<String, String> properties) {
		return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("sockets.chat.redis",
				RedisClusterProperties.class);
	}

	@Test
	void defaultsLetAnInstanceMissSeveralHeartbeatsBeforeItsUsersAreTakenAsGone() {
		RedisClusterProperties defaults = bind(Map.of());
		assertThat(defaults.heartbeat()).isEqualTo(Duration.ofSeconds(2));
		assertThat(defaults.presenceTtl()).isEqualTo(Duration.ofSeconds(10));
		assertThat(defaults.channel()).isEqualTo("sockets:chat");
		assertThat(defaults.keyPrefix()).isEqualTo("sockets:chat:");
		assertThat(defaults.publishQueue()).isEqualTo(10_000);
	}

	@Test
	void aPresenceTtlNoLongerThanTheHeartbeatIsRefusedWithBothValues() {
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(
					() -> bind(Map.of("sockets.chat.redis.heartbeat", "5s", "sockets.chat.redis.presence-ttl", "5s")))
			.havingRootCause()
			.withMessage("presence-ttl (PT5S) must be longer than heartbeat (PT5S), by several");
	}

}
