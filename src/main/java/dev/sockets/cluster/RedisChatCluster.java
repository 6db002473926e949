package dev.sockets.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.support.GenericMessage;

import dev.sockets.chat.ChatCluster;
import dev.sockets.chat.ChatEvent;
import dev.sockets.limits.ThrottledLog;

/**
 * The chat cluster on Redis: events go out through a Spring Integration channel to Redis
 * pub/sub, and nicknames are Redis keys naming the instance that holds them, kept alive
 * by the heartbeat.
 * <p>
 * Nothing here waits on Redis while the link is down: events are dropped (and counted)
 * and claims answer {@link Claim#UNREACHABLE} at once, so the chat keeps working locally.
 */
public final class RedisChatCluster implements ChatCluster {

	private static final Log logger = LogFactory.getLog(RedisChatCluster.class);

	/**
	 * Claims or renews a nickname key for an instance unless another instance holds it.
	 */
	private static final RedisScript<Long> CLAIM = RedisScript.of("""
			local holder = redis.call('GET', KEYS[1])
			if holder == false or holder == ARGV[1] then
			  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
			  return 1
			end
			return 0
			""", Long.class);

	/**
	 * Renews many claims at once; answers the (1-based) positions of the keys another
	 * instance holds.
	 */
	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> RENEW = RedisScript.of("""
			local lost = {}
			for i, key in ipairs(KEYS) do
			  local holder = redis.call('GET', key)
			  if holder == false or holder == ARGV[1] then
			    redis.call('SET', key, ARGV[1], 'PX', ARGV[2])
			  else
			    table.insert(lost, i)
			  end
			end
			return lost
			""", List.class);

	private static final RedisScript<Long> RELEASE = RedisScript.of("""
			if redis.call('GET', KEYS[1]) == ARGV[1] then
			  return redis.call('DEL', KEYS[1])
			end
			return 0
			""", Long.class);

	/**
	 * Takes the next number of the cluster's guest counter whose nickname nobody holds.
	 */
	private static final RedisScript<String> CLAIM_GUEST = RedisScript.of("""
			for attempt = 1, 100 do
			  local nickname = ARGV[3] .. redis.call('INCR', KEYS[1])
			  if redis.call('SET', ARGV[4] .. string.lower(nickname), ARGV[1], 'PX', ARGV[2], 'NX') then
			    return nickname
			  end
			end
			return false
			""", String.class);

	private final String instanceId;

	private final StringRedisTemplate redis;

	private final MessageChannel outbound;

	private final Executor background;

	private final RedisClusterProperties settings;

	private final ClusterTraffic traffic;

	private final AtomicLong sequence = new AtomicLong();

	private final ThrottledLog warnings = new ThrottledLog(logger);

	private volatile boolean linked;

	/**
	 * @param instanceId this instance's name in the cluster
	 * @param redis the Redis connection
	 * @param outbound where events go to be published, without waiting
	 * @param background where claims are released, off the caller's thread
	 * @param settings the cluster's settings
	 * @param traffic where events are counted
	 */
	RedisChatCluster(String instanceId, StringRedisTemplate redis, MessageChannel outbound, Executor background,
			RedisClusterProperties settings, ClusterTraffic traffic) {
		this.instanceId = instanceId;
		this.redis = redis;
		this.outbound = outbound;
		this.background = background;
		this.settings = settings;
		this.traffic = traffic;
	}

	String instanceId() {
		return this.instanceId;
	}

	/**
	 * The link is up (its heartbeat comes back) or down.
	 */
	void linked(boolean linked) {
		this.linked = linked;
	}

	@Override
	public void publish(ChatEvent event) {
		if (!this.linked) {
			this.traffic.dropped("disconnected");
			return;
		}
		send(event);
	}

	/**
	 * Publishes the heartbeat, link or no link: its coming back is what tells that the
	 * link works.
	 */
	void heartbeat(ChatEvent.Present present) {
		send(present);
	}

	private void send(ChatEvent event) {
		try {
			this.outbound.send(
					new GenericMessage<>(new ClusterMessage(this.instanceId, this.sequence.incrementAndGet(), event)));
		}
		catch (RuntimeException full) {
			this.traffic.dropped("queue_full");
			this.warnings.warn("queue_full", () -> "chat cluster: events dropped, " + this.settings.publishQueue()
					+ " already waiting to be published");
		}
	}

	@Override
	public Claim claim(String nickname) {
		if (!this.linked) {
			return Claim.UNREACHABLE;
		}
		try {
			Long claimed = this.redis.execute(CLAIM, List.of(nicknameKey(nickname)), this.instanceId, ttlMillis());
			return (claimed != null && claimed == 1) ? Claim.CLAIMED : Claim.TAKEN;
		}
		catch (RuntimeException ex) {
			this.warnings.warn("claim", () -> "chat cluster: cannot claim a nickname: " + ex.getMessage());
			return Claim.UNREACHABLE;
		}
	}

	@Override
	public void release(String nickname) {
		if (!this.linked) {
			return;
		}
		try {
			this.background.execute(() -> {
				try {
					this.redis.execute(RELEASE, List.of(nicknameKey(nickname)), this.instanceId);
				}
				catch (RuntimeException ex) {
					// The claim expires with its time to live.
					this.warnings.warn("release", () -> "chat cluster: cannot release a nickname: " + ex.getMessage());
				}
			});
		}
		catch (RejectedExecutionException full) {
			// Too much is waiting, or the instance is stopping: the claim expires with
			// its time to live.
			this.warnings.warn("release", () -> "chat cluster: a nickname is released only when its claim expires");
		}
	}

	@Override
	public Optional<String> claimGuestNickname(String prefix) {
		if (!this.linked) {
			return Optional.empty();
		}
		try {
			return Optional.ofNullable(this.redis.execute(CLAIM_GUEST, List.of(this.settings.keyPrefix() + "guests"),
					this.instanceId, ttlMillis(), prefix, this.settings.keyPrefix() + "nick:"));
		}
		catch (RuntimeException ex) {
			this.warnings.warn("claim", () -> "chat cluster: cannot number a guest: " + ex.getMessage());
			return Optional.empty();
		}
	}

	/**
	 * Renews this instance's claims on its users' nicknames, taking those nobody holds.
	 * @return the nicknames another instance holds (taken while the instances could not
	 * ask each other)
	 */
	List<String> renew(List<String> nicknames) {
		if (nicknames.isEmpty()) {
			return List.of();
		}
		List<String> keys = nicknames.stream().map(this::nicknameKey).toList();
		List<?> lost = this.redis.execute(RENEW, keys, this.instanceId, ttlMillis());
		List<String> taken = new ArrayList<>();
		if (lost != null) {
			for (Object position : lost) {
				taken.add(nicknames.get(((Number) position).intValue() - 1));
			}
		}
		return taken;
	}

	private String nicknameKey(String nickname) {
		return this.settings.keyPrefix() + "nick:" + nickname.toLowerCase(Locale.ROOT);
	}

	private String ttlMillis() {
		Duration ttl = this.settings.presenceTtl();
		return String.valueOf(ttl.toMillis());
	}

}
