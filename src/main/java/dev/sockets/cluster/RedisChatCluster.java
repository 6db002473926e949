package dev.sockets.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
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

	/** Records an instance as alive now, and forgets those silent since a moment. */
	private static final RedisScript<Long> REGISTER = RedisScript.of("""
			redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
			local all = redis.call('HGETALL', KEYS[1])
			for i = 1, #all, 2 do
			  if tonumber(all[i + 1]) < tonumber(ARGV[3]) then
			    redis.call('HDEL', KEYS[1], all[i])
			  end
			end
			return 1
			""", Long.class);

	/** Guest nicknames kept claimed ahead of need. */
	static final int GUESTS_AHEAD = 4;

	private final String instanceId;

	private final StringRedisTemplate redis;

	private final MessageChannel outbound;

	private final Executor background;

	/** Where claims wait on Redis: never a thread that anything else waits for. */
	private final Executor claims;

	private final String guestPrefix;

	/**
	 * Guest nicknames claimed ahead of need, each renewed like a user's until handed out.
	 */
	private final Queue<String> guests = new ConcurrentLinkedQueue<>();

	private final AtomicBoolean claimingGuests = new AtomicBoolean();

	private final RedisClusterProperties settings;

	private final ClusterTraffic traffic;

	private final AtomicLong sequence = new AtomicLong();

	private final ThrottledLog warnings = new ThrottledLog(logger);

	private final LinkEpoch epoch;

	/**
	 * @param instanceId this instance's name in the cluster
	 * @param redis the Redis connection
	 * @param outbound where events go to be published, without waiting
	 * @param background where claims are released, off the caller's thread
	 * @param settings the cluster's settings
	 * @param traffic where events are counted
	 */
	RedisChatCluster(String instanceId, StringRedisTemplate redis, MessageChannel outbound, Executor background,
			Executor claims, String guestPrefix, RedisClusterProperties settings, ClusterTraffic traffic,
			LinkEpoch epoch) {
		this.instanceId = instanceId;
		this.redis = redis;
		this.outbound = outbound;
		this.background = background;
		this.claims = claims;
		this.guestPrefix = guestPrefix;
		this.settings = settings;
		this.traffic = traffic;
		this.epoch = epoch;
	}

	String instanceId() {
		return this.instanceId;
	}

	/**
	 * The link is up (its heartbeat comes back) or down.
	 */
	void linked(boolean linked) {
		this.epoch.linked(linked);
		if (linked) {
			claimGuestsAhead();
		}
	}

	/**
	 * @return whether an event queued with the {@link LinkEpoch#mark() mark} is still to
	 * be published
	 */
	boolean current(long mark) {
		return this.epoch.current(mark);
	}

	@Override
	public void publish(ChatEvent event) {
		if (!this.epoch.up()) {
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
		send(present, false);
	}

	/**
	 * Publishes this instance's presence and asks every other instance for its own, at
	 * once.
	 */
	void join(ChatEvent.Present present) {
		send(present, true);
	}

	private void send(ChatEvent event) {
		send(event, false);
	}

	private void send(ChatEvent event, boolean asking) {
		try {
			this.outbound.send(new GenericMessage<>(
					new ClusterMessage(this.instanceId, this.sequence.incrementAndGet(), event, asking),
					Map.of(LinkEpoch.MARK, this.epoch.mark())));
		}
		catch (RuntimeException full) {
			this.traffic.dropped("queue_full");
			this.warnings.warn("queue_full", () -> "chat cluster: events dropped, " + this.settings.publishQueue()
					+ " already waiting to be published");
		}
	}

	@Override
	public boolean reachable() {
		return this.epoch.up();
	}

	@Override
	public CompletionStage<Claim> claim(String nickname) {
		// Asked of Redis whatever the link's state: a link that is down may be the
		// pub/sub
		// alone, and a Redis that is gone refuses at once; one that hangs holds up no one
		// but this claim, on a thread of its own.
		try {
			return CompletableFuture.supplyAsync(() -> claimNow(nickname), this.claims);
		}
		catch (RejectedExecutionException full) {
			this.warnings.warn("claim", () -> "chat cluster: too many nickname claims waiting for Redis");
			return CompletableFuture.completedFuture(Claim.UNREACHABLE);
		}
	}

	private Claim claimNow(String nickname) {
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
		String guest = this.guests.poll();
		claimGuestsAhead();
		return Optional.ofNullable(guest);
	}

	/**
	 * Keeps a few guest nicknames claimed ahead of need, on the claims' thread, so that a
	 * user who arrives is named without waiting on Redis.
	 */
	void claimGuestsAhead() {
		if (this.guests.size() >= GUESTS_AHEAD || !this.claimingGuests.compareAndSet(false, true)) {
			return;
		}
		try {
			this.claims.execute(() -> {
				try {
					while (this.guests.size() < GUESTS_AHEAD) {
						String guest = this.redis.execute(CLAIM_GUEST, List.of(this.settings.keyPrefix() + "guests"),
								this.instanceId, ttlMillis(), this.guestPrefix, this.settings.keyPrefix() + "nick:");
						if (guest == null) {
							break;
						}
						this.guests.add(guest);
					}
				}
				catch (RuntimeException ex) {
					this.warnings.warn("claim", () -> "chat cluster: cannot number guests: " + ex.getMessage());
				}
				finally {
					this.claimingGuests.set(false);
				}
			});
		}
		catch (RejectedExecutionException full) {
			this.claimingGuests.set(false);
		}
	}

	/**
	 * Records this instance among the live ones, so that an instance joining knows whose
	 * presence to wait for; entries silent for longer than the presence time to live go.
	 */
	void register() {
		long now = System.currentTimeMillis();
		this.redis.execute(REGISTER, List.of(instancesKey()), this.instanceId, String.valueOf(now),
				String.valueOf(now - this.settings.presenceTtl().toMillis()));
	}

	/**
	 * @param since the earliest registration that counts, in epoch milliseconds
	 * @return the other instances that registered since then
	 */
	Set<String> peers(long since) {
		Set<String> peers = new HashSet<>();
		this.redis.<String, String>opsForHash().entries(instancesKey()).forEach((instance, at) -> {
			if (!instance.equals(this.instanceId) && Long.parseLong(at) >= since) {
				peers.add(instance);
			}
		});
		return peers;
	}

	/**
	 * Takes this instance off the live ones, on an orderly shutdown.
	 */
	void deregister() {
		try {
			this.redis.opsForHash().delete(instancesKey(), this.instanceId);
			for (String guest; (guest = this.guests.poll()) != null;) {
				this.redis.execute(RELEASE, List.of(nicknameKey(guest)), this.instanceId);
			}
		}
		catch (RuntimeException ex) {
			// Its entry ages out with the presence time to live.
			this.warnings.warn("deregister",
					() -> "chat cluster: cannot leave the list of instances: " + ex.getMessage());
		}
	}

	private String instancesKey() {
		return this.settings.keyPrefix() + "instances";
	}

	/**
	 * Renews this instance's claims on its users' nicknames, taking those nobody holds.
	 * @return the nicknames another instance holds (taken while the instances could not
	 * ask each other)
	 */
	List<String> renew(List<String> nicknames) {
		List<String> held = new ArrayList<>(nicknames);
		List<String> ahead = List.copyOf(this.guests);
		held.addAll(ahead);
		if (held.isEmpty()) {
			return List.of();
		}
		List<String> keys = held.stream().map(this::nicknameKey).toList();
		List<?> lost = this.redis.execute(RENEW, keys, this.instanceId, ttlMillis());
		List<String> taken = new ArrayList<>();
		if (lost != null) {
			for (Object position : lost) {
				int index = ((Number) position).intValue() - 1;
				if (index < nicknames.size()) {
					taken.add(nicknames.get(index));
				}
				else {
					// A guest nickname claimed ahead that another instance now holds: not
					// handed out.
					this.guests.remove(held.get(index));
				}
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
