package dev.sockets.cluster;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.resource.Delay;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.integration.channel.ExecutorChannel;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.redis.inbound.RedisInboundChannelAdapter;
import org.springframework.integration.redis.outbound.RedisPublishingMessageHandler;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;

import dev.sockets.chat.ChatProperties;
import dev.sockets.chat.ChatService;
import dev.sockets.chat.Deliveries;
import dev.sockets.chat.HistoryProperties;
import dev.sockets.chat.TopicProperties;
import dev.sockets.listener.Service;
import dev.sockets.listener.ServingCondition;

/**
 * The chat across instances on Redis ({@code sockets.chat.cluster=redis}): events go out
 * through {@code chatClusterOutbound} to a Redis publishing handler on one thread, in
 * order; events of the other instances come in through a Redis inbound adapter and become
 * deliveries for this instance's users, written like the chat's own.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "sockets.chat.cluster", havingValue = "redis")
@EnableConfigurationProperties(RedisClusterProperties.class)
class ClusterConfiguration {

	@Bean
	ClusterTraffic chatClusterTraffic() {
		return new ClusterTraffic();
	}

	/**
	 * One thread publishes, so events leave in the order they happened; the queue is
	 * bounded, so a Redis that is slow cannot make memory grow.
	 */
	@Bean(destroyMethod = "shutdownNow")
	ExecutorService chatClusterPublishing(RedisClusterProperties settings) {
		return new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
				new LinkedBlockingQueue<>(settings.publishQueue()),
				Thread.ofPlatform().name("chat-cluster-publish").daemon().factory(),
				new ThreadPoolExecutor.AbortPolicy());
	}

	@Bean
	MessageChannel chatClusterOutbound(@Qualifier("chatClusterPublishing") ExecutorService publishing) {
		return new ExecutorChannel(publishing);
	}

	/**
	 * Where nickname claims wait on Redis: two threads, a bounded queue; never an I/O
	 * thread, which every connection on it would wait behind.
	 */
	@Bean(destroyMethod = "shutdownNow")
	ExecutorService chatClusterClaims() {
		return new ThreadPoolExecutor(2, 2, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(1000),
				Thread.ofPlatform().name("chat-cluster-claims", 1).daemon().factory(),
				new ThreadPoolExecutor.AbortPolicy());
	}

	@Bean
	LinkEpoch chatClusterLinkEpoch() {
		return new LinkEpoch();
	}

	/**
	 * Where the rooms' history, topics and moderation are written to Redis: the
	 * publishing thread, in order with the events, doing only what was queued while the
	 * link has been up; what went stale is counted as dropped.
	 */
	@Bean
	Executor chatClusterWrites(@Qualifier("chatClusterPublishing") ExecutorService publishing, LinkEpoch epoch,
			ClusterTraffic traffic) {
		return epoch.gate(publishing, () -> traffic.dropped("disconnected"));
	}

	@Bean
	RedisChatCluster redisChatCluster(StringRedisTemplate redis,
			@Qualifier("chatClusterOutbound") MessageChannel outbound,
			@Qualifier("chatClusterPublishing") ExecutorService publishing,
			@Qualifier("chatClusterClaims") ExecutorService claims, ChatProperties chat,
			RedisClusterProperties settings, ClusterTraffic traffic, LinkEpoch epoch) {
		return new RedisChatCluster(instanceId(settings), redis, outbound, publishing, claims, chat.guestPrefix(),
				settings, traffic, epoch);
	}

	/**
	 * The rooms' history in Redis, written in order on the publishing thread and read on
	 * the claims' threads, where a joining user waits for nothing else.
	 */
	@Bean
	RedisHistory chatClusterHistory(StringRedisTemplate redis, @Qualifier("chatClusterWrites") Executor publishing,
			@Qualifier("chatClusterClaims") ExecutorService claims, RedisClusterProperties settings,
			HistoryProperties history) {
		return new RedisHistory(redis, publishing, claims, settings.keyPrefix(), history.lines(), history.maxAge(),
				history.maxRooms(), Clock.systemUTC());
	}

	@Bean
	RedisTopics chatClusterTopics(StringRedisTemplate redis, @Qualifier("chatClusterWrites") Executor publishing,
			@Qualifier("chatClusterClaims") ExecutorService claims, RedisClusterProperties settings,
			TopicProperties topics) {
		return new RedisTopics(redis, publishing, claims, settings.keyPrefix(), topics.maxRooms());
	}

	@Bean
	ChatEventCodec chatEventCodec() {
		return new ChatEventCodec();
	}

	/**
	 * Where the rooms' operators, bans and mutes outlive an instance: written on the
	 * publishing thread, so that the store has each before the event telling of it goes
	 * out.
	 */
	@Bean
	RedisModerationStore chatModerationStore(StringRedisTemplate redis,
			@Qualifier("chatClusterWrites") Executor publishing, ChatEventCodec codec,
			RedisClusterProperties settings) {
		return new RedisModerationStore(redis, publishing, codec, settings);
	}

	@Bean
	ClusterLink chatClusterLink(ChatService chat, RedisChatCluster cluster, ChatEventCodec codec, Deliveries deliveries,
			@Qualifier("chatClusterPublishing") ExecutorService publishing,
			RedisInboundChannelAdapter chatClusterInbound, RedisClusterProperties settings, ClusterTraffic traffic,
			RedisModerationStore moderation) {
		return new ClusterLink(chat, cluster, codec, deliveries, publishing, chatClusterInbound, settings, traffic,
				moderation);
	}

	/**
	 * The chat's listeners accept users once this instance has joined the cluster.
	 */
	@Bean
	ServingCondition chatClusterJoined(ClusterLink link, RedisClusterProperties settings) {
		return new ServingCondition() {

			@Override
			public Service service() {
				return Service.CHAT;
			}

			@Override
			public void await() {
				link.awaitJoined(settings.joinTimeout());
			}

		};
	}

	@Bean
	IntegrationFlow chatClusterPublishFlow(@Qualifier("chatClusterOutbound") MessageChannel outbound,
			RedisConnectionFactory redis, RedisClusterProperties settings, ChatEventCodec codec, ClusterLink link,
			ClusterTraffic traffic) {
		RedisPublishingMessageHandler publisher = new RedisPublishingMessageHandler(redis);
		publisher.setTopic(settings.channel());
		return IntegrationFlow.from(outbound)
			// Drops are counted; a log line each would flood the log while Redis is away.
			.filter(Message.class, link::stillToBePublished, (filter) -> filter.discardChannel("nullChannel"))
			.transform(ClusterMessage.class, codec::encode)
			.handle(publisher, (endpoint) -> endpoint.advice(new PublishOutcomeAdvice(traffic, link)))
			.get();
	}

	/**
	 * One thread applies the other instances' events, in the order they arrive. A bean,
	 * so that it is shut down with the context: the listener container only stops
	 * executors it made itself.
	 */
	@Bean(destroyMethod = "shutdownNow")
	ExecutorService chatClusterReceiving() {
		return Executors.newSingleThreadExecutor(Thread.ofPlatform().name("chat-cluster-receive").daemon().factory());
	}

	@Bean
	RedisInboundChannelAdapter chatClusterInbound(RedisConnectionFactory redis, RedisClusterProperties settings,
			@Qualifier("chatClusterReceiving") ExecutorService receiving) {
		RedisInboundChannelAdapter inbound = new RedisInboundChannelAdapter(redis);
		inbound.setTopics(settings.channel());
		inbound.setTaskExecutor(receiving);
		// Subscribed by the link, which keeps trying while Redis cannot be reached: a
		// start
		// that failed would end the application.
		inbound.setAutoStartup(false);
		return inbound;
	}

	@Bean
	IntegrationFlow chatClusterReceiveFlow(RedisInboundChannelAdapter chatClusterInbound, ClusterLink link) {
		return IntegrationFlow.from(chatClusterInbound).handle(String.class, (text, headers) -> {
			link.received(text);
			return null;
		}).get();
	}

	/**
	 * Commands fail at once while Redis is unreachable instead of queueing for later: an
	 * event delivered minutes late would be worse than one dropped and counted.
	 */
	@Bean
	LettuceClientOptionsBuilderCustomizer chatClusterClientOptions() {
		return (options) -> options.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
			.autoReconnect(true);
	}

	/**
	 * Reconnects soon after Redis comes back: tries at least once per heartbeat.
	 */
	@Bean
	ClientResourcesBuilderCustomizer chatClusterReconnectDelay(RedisClusterProperties settings) {
		Duration upper = settings.heartbeat();
		return (resources) -> resources
			.reconnectDelay(Delay.exponential(Duration.ofMillis(50), upper, 2, TimeUnit.MILLISECONDS));
	}

	private static String instanceId(RedisClusterProperties settings) {
		if (!settings.instanceId().isBlank()) {
			return settings.instanceId();
		}
		String host = System.getenv("HOSTNAME");
		if (host == null || host.isBlank()) {
			try {
				host = InetAddress.getLocalHost().getHostName();
			}
			catch (UnknownHostException ex) {
				host = "sockets";
			}
		}
		byte[] suffix = new byte[2];
		ThreadLocalRandom.current().nextBytes(suffix);
		// The suffix tells a restarted instance from its earlier life, whose users may
		// still be present.
		return host + "-" + HexFormat.of().formatHex(suffix);
	}

}
