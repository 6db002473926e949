package dev.sockets.cluster;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import dev.sockets.chat.ChatProperties;

/**
 * Leaves Spring Boot's Redis auto-configuration out unless the chat spans instances on
 * Redis ({@code sockets.chat.cluster=redis}): otherwise the starter would build Lettuce's
 * client resources, start its timer thread, create a connection factory and templates,
 * and scan for repositories, all for nothing. Exclusions the user made are kept.
 */
public final class RedisOnlyForTheCluster implements EnvironmentPostProcessor, Ordered {

	static final String EXCLUDE = "spring.autoconfigure.exclude";

	static final List<String> REDIS_AUTO_CONFIGURATIONS = List.of(
			"org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
			"org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration",
			"org.springframework.boot.data.redis.autoconfigure.DataRedisRepositoriesAutoConfiguration",
			"org.springframework.boot.data.redis.autoconfigure.health.DataRedisHealthContributorAutoConfiguration",
			"org.springframework.boot.data.redis.autoconfigure.health.DataRedisReactiveHealthContributorAutoConfiguration",
			"org.springframework.boot.data.redis.autoconfigure.observation.LettuceObservationAutoConfiguration");

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		Binder binder = Binder.get(environment);
		if (binder.bind("sockets.chat.cluster", ChatProperties.Cluster.class)
			.orElse(null) == ChatProperties.Cluster.REDIS) {
			return;
		}
		Set<String> excluded = new LinkedHashSet<>(
				binder.bind(EXCLUDE, String[].class).map(List::of).orElse(List.of()));
		excluded.addAll(REDIS_AUTO_CONFIGURATIONS);
		environment.getPropertySources()
			.addFirst(new MapPropertySource("socketsRedisExcluded", Map.of(EXCLUDE, String.join(",", excluded))));
	}

	/**
	 * After the configuration files, the environment and the command line have been read.
	 */
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
