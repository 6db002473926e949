package dev.sockets.cluster;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class RedisOnlyForTheClusterTest {

	private final StandardEnvironment environment = new StandardEnvironment();

	private String[] excludedAfter(Map<String, Object> properties) {
		this.environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
		new RedisOnlyForTheCluster().postProcessEnvironment(this.environment, new SpringApplication());
		return this.environment.getProperty(RedisOnlyForTheCluster.EXCLUDE, String[].class, new String[0]);
	}

	@Test
	void aChatOfOneInstanceLeavesRedisOut() {
		assertThat(excludedAfter(Map.of())).containsExactlyElementsOf(RedisOnlyForTheCluster.REDIS_AUTO_CONFIGURATIONS);
	}

	@Test
	void exclusionsOfTheUsersOwnAreKept() {
		assertThat(excludedAfter(
				Map.of("spring.autoconfigure.exclude[0]", "com.example.Other", "sockets.chat.cluster", "none")))
			.startsWith("com.example.Other")
			.containsAll(RedisOnlyForTheCluster.REDIS_AUTO_CONFIGURATIONS);
	}

	@Test
	void aChatOnRedisKeepsIt() {
		assertThat(excludedAfter(Map.of("sockets.chat.cluster", "redis"))).isEmpty();
		assertThat(excludedAfter(Map.of("sockets.chat.cluster", "REDIS"))).isEmpty();
	}

}
