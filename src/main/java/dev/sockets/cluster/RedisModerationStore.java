package dev.sockets.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;

import dev.sockets.chat.ModerationStore;
import dev.sockets.chat.Restriction;
import dev.sockets.limits.ThrottledLog;

/**
 * The rooms' operators, bans and mutes in Redis: one key each
 * ({@code sockets:chat:mod:ban:#dev:10.0.0.0/8}), which Redis expires when the
 * restriction ends, so that the store holds only what is in force and an instance that
 * starts, or restarts, reads every restriction of the cluster before it serves. Written
 * on the publishing thread, in the order decided, never on the caller's.
 */
final class RedisModerationStore implements ModerationStore {

	private static final Log logger = LogFactory.getLog(RedisModerationStore.class);

	/** Keys read at once when loading. */
	private static final int BATCH = 500;

	private final StringRedisTemplate redis;

	private final Executor background;

	private final ChatEventCodec codec;

	private final String prefix;

	private final ThrottledLog warnings = new ThrottledLog(logger);

	RedisModerationStore(StringRedisTemplate redis, Executor background, ChatEventCodec codec,
			RedisClusterProperties settings) {
		this.redis = redis;
		this.background = background;
		this.codec = codec;
		this.prefix = settings.keyPrefix() + "mod:";
	}

	@Override
	public void save(Restriction restriction) {
		String value = this.codec.encode(restriction);
		later(() -> {
			long ttl = restriction.until() - System.currentTimeMillis();
			if (ttl > 0) {
				this.redis.opsForValue().set(key(restriction), value, Duration.ofMillis(ttl));
			}
			else {
				this.redis.delete(key(restriction));
			}
		});
	}

	@Override
	public void remove(Restriction restriction) {
		later(() -> this.redis.delete(key(restriction)));
	}

	@Override
	public List<Restriction> load() {
		List<String> keys = new ArrayList<>();
		try (Cursor<String> cursor = this.redis
			.scan(ScanOptions.scanOptions().match(this.prefix + "*").count(BATCH).build())) {
			cursor.forEachRemaining(keys::add);
		}
		List<Restriction> restrictions = new ArrayList<>();
		for (int from = 0; from < keys.size(); from += BATCH) {
			List<String> values = this.redis.opsForValue()
				.multiGet(keys.subList(from, Math.min(keys.size(), from + BATCH)));
			if (values == null) {
				continue;
			}
			for (String value : values) {
				if (value == null) {
					// Expired since the scan.
					continue;
				}
				try {
					restrictions.add(this.codec.decodeRestriction(value));
				}
				catch (IllegalArgumentException ex) {
					this.warnings.warn("unreadable",
							() -> "chat moderation: ignored a stored entry: " + ex.getMessage());
				}
			}
		}
		return restrictions;
	}

	private String key(Restriction restriction) {
		return this.prefix + restriction.key();
	}

	private void later(Runnable write) {
		try {
			this.background.execute(() -> {
				try {
					write.run();
				}
				catch (RuntimeException ex) {
					// The other instances heard of it; an instance that starts later will
					// not.
					this.warnings.warn("store", () -> "chat moderation: cannot store in Redis: " + ex.getMessage());
				}
			});
		}
		catch (RejectedExecutionException full) {
			this.warnings.warn("store", () -> "chat moderation: too much waiting for Redis; not stored");
		}
	}

}
