package dev.sockets.cluster;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the instances of a chat cluster meet on Redis ({@code sockets.chat.cluster=redis});
 * the connection itself is Spring Boot's {@code spring.data.redis.*}.
 *
 * @param channel the Redis pub/sub channel the instances publish their chat events on
 * @param keyPrefix the start of every Redis key the chat writes (nickname claims, the
 * guest counter)
 * @param heartbeat how often an instance tells the others who is on it, renews its
 * nickname claims and checks its link
 * @param presenceTtl how long an instance may stay silent before the others take its
 * users as offline and its nicknames become free; several heartbeats
 * @param instanceId this instance's name in the cluster; empty for the host name (the pod
 * name on Kubernetes) and a random suffix
 * @param publishQueue chat events waiting to be published at most; beyond it they are
 * dropped and counted
 * @param joinTimeout how long a starting instance waits to join the cluster (its link up,
 * the others' presence heard) before its chat listeners accept users anyway, alone
 */
@ConfigurationProperties("sockets.chat.redis")
@Validated
public record RedisClusterProperties(@DefaultValue("sockets:chat") @NotBlank String channel,
		@DefaultValue("sockets:chat:") String keyPrefix, @DefaultValue("2s") Duration heartbeat,
		@DefaultValue("10s") Duration presenceTtl, @DefaultValue("") String instanceId,
		@DefaultValue("10000") @Min(1) int publishQueue, @DefaultValue("10s") Duration joinTimeout) {

	public RedisClusterProperties {
		// A claim that outlived no heartbeat would expire between two renewals.
		if (presenceTtl.compareTo(heartbeat) <= 0) {
			throw new IllegalArgumentException(
					"presence-ttl (" + presenceTtl + ") must be longer than heartbeat (" + heartbeat + "), by several");
		}
	}

}
