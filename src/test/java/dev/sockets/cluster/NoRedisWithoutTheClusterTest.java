package dev.sockets.cluster;

import io.lettuce.core.resource.ClientResources;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.RedisTemplate;

import dev.sockets.support.SocketsTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A chat of one instance, the default, holds nothing of Redis.
 */
@SocketsTest
class NoRedisWithoutTheClusterTest {

	@Autowired
	private ApplicationContext context;

	@Test
	void theContextHasNoRedisBean() {
		assertThat(this.context.getBeanNamesForType(RedisConnectionFactory.class)).isEmpty();
		assertThat(this.context.getBeanNamesForType(RedisTemplate.class)).isEmpty();
		assertThat(this.context.getBeanNamesForType(ClientResources.class)).isEmpty();
		assertThat(this.context.getBeanNamesForType(ClusterLink.class)).isEmpty();
	}

}
