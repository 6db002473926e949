package dev.sockets.cluster;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import dev.sockets.chat.Topic;
import dev.sockets.chat.TopicStore;

/**
 * The rooms' topics in Redis, for every instance of a cluster, kept across restarts: a
 * hash of room to topic, <pre>
 * {"text":"plans for today","nick":"alice","at":1764583200000}
 * </pre> with a sorted set of the rooms by when their topic was set, which bounds how
 * many rooms are kept, the topic set the longest ago dropped first.
 */
final class RedisTopics implements TopicStore {

	private static final Log logger = LogFactory.getLog(RedisTopics.class);

	/** Sets (or, for an empty topic, clears) a room's topic within the bound on rooms. */
	private static final RedisScript<Long> SET = RedisScript.of("""
			if ARGV[2] == '' then
			  redis.call('HDEL', KEYS[1], ARGV[1])
			  redis.call('ZREM', KEYS[2], ARGV[1])
			  return 0
			end
			redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
			redis.call('ZADD', KEYS[2], ARGV[3], ARGV[1])
			""" + RoomWork.evictBeyondMaxRooms("redis.call('HDEL', KEYS[1], room)"), Long.class);

	private final StringRedisTemplate redis;

	private final RoomWork work;

	private final String keyPrefix;

	private final int maxRooms;

	private final JsonMapper json = JsonMapper.builder().build();

	private final AtomicLong evicted = new AtomicLong();

	RedisTopics(StringRedisTemplate redis, Executor writes, Executor reads, String keyPrefix, int maxRooms) {
		this.redis = redis;
		this.work = new RoomWork(writes, reads, logger);
		this.keyPrefix = keyPrefix;
		this.maxRooms = maxRooms;
	}

	@Override
	public void set(String room, Topic topic) {
		String entry = topic.text().isEmpty() ? ""
				: this.json.writeValueAsString(this.json.createObjectNode()
					.put("text", topic.text())
					.put("nick", topic.setBy())
					.put("at", topic.at().toEpochMilli()));
		this.work.write("a topic", () -> {
			Long dropped = this.redis.execute(SET, List.of(topicsKey(), this.keyPrefix + "topic-rooms"), room, entry,
					String.valueOf(topic.at().toEpochMilli()), String.valueOf(this.maxRooms));
			if (dropped != null) {
				this.evicted.addAndGet(dropped);
			}
		});
	}

	@Override
	public CompletionStage<Optional<Topic>> get(String room) {
		return this.work.read(() -> decode(this.redis.<String, String>opsForHash().get(topicsKey(), room)));
	}

	@Override
	public long roomsEvicted() {
		return this.evicted.get();
	}

	private String topicsKey() {
		return this.keyPrefix + "topics";
	}

	private Optional<Topic> decode(String entry) {
		if (entry == null) {
			return Optional.empty();
		}
		try {
			JsonNode node = this.json.readTree(entry);
			return Optional.of(new Topic(node.get("text").asString(), node.get("nick").asString(),
					Instant.ofEpochMilli(node.get("at").asLong())));
		}
		catch (RuntimeException ex) {
			// JacksonException included: an entry this version cannot read.
			return Optional.empty();
		}
	}

}
