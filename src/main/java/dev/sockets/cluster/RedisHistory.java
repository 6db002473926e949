package dev.sockets.cluster;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import dev.sockets.chat.HistoryLine;
import dev.sockets.chat.HistoryStore;

/**
 * The history of rooms in Redis, for every instance of a cluster to replay the same
 * lines, and for users to find them after an instance restarts: a list per room, newest
 * first, trimmed to its lines on every write and expiring once the room has been quiet
 * for the maximum age; a sorted set of the rooms by last line bounds how many rooms are
 * kept, the quietest dropped first. Each line is a JSON object: <pre>
 * {"at":1764583200000,"nick":"alice","text":"hello","kind":"message"}
 * </pre>
 */
final class RedisHistory implements HistoryStore {

	private static final Log logger = LogFactory.getLog(RedisHistory.class);

	/**
	 * Keeps a line and trims the room to its lines, then forgets the rooms quiet for
	 * longer than the maximum age, and the quietest beyond the maximum number of rooms.
	 * The rooms' lists are named in the sorted set, not in KEYS: this runs on one Redis,
	 * not a Redis Cluster.
	 */
	private static final RedisScript<Long> KEEP = RedisScript.of("""
			redis.call('LPUSH', KEYS[1], ARGV[1])
			redis.call('LTRIM', KEYS[1], 0, tonumber(ARGV[2]) - 1)
			redis.call('PEXPIRE', KEYS[1], ARGV[3])
			redis.call('ZADD', KEYS[2], ARGV[5], KEYS[1])
			redis.call('PEXPIRE', KEYS[2], ARGV[3])
			redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', tonumber(ARGV[5]) - tonumber(ARGV[3]))
			""" + RoomWork.evictBeyondMaxRooms("redis.call('DEL', room)"), Long.class);

	private final StringRedisTemplate redis;

	private final RoomWork work;

	private final String keyPrefix;

	private final int lines;

	private final Duration maxAge;

	private final int maxRooms;

	private final Clock clock;

	private final JsonMapper json = JsonMapper.builder().build();

	private final AtomicLong evicted = new AtomicLong();

	/**
	 * @param writes where lines are written, one after the other in the order kept
	 * @param reads where a joining user's history is read, never an I/O thread
	 * @param clock what tells a line's age
	 */
	RedisHistory(StringRedisTemplate redis, Executor writes, Executor reads, String keyPrefix, int lines,
			Duration maxAge, int maxRooms, Clock clock) {
		this.redis = redis;
		this.work = new RoomWork(writes, reads, logger);
		this.keyPrefix = keyPrefix;
		this.lines = lines;
		this.maxAge = maxAge;
		this.maxRooms = maxRooms;
		this.clock = clock;
	}

	@Override
	public void keep(String room, HistoryLine line) {
		String entry = encode(line);
		this.work.write("a line of history", () -> {
			Long dropped = this.redis.execute(KEEP, List.of(roomKey(room), roomsKey()), entry,
					String.valueOf(this.lines), String.valueOf(this.maxAge.toMillis()), String.valueOf(this.maxRooms),
					String.valueOf(line.at().toEpochMilli()));
			if (dropped != null) {
				this.evicted.addAndGet(dropped);
			}
		});
	}

	@Override
	public CompletionStage<List<HistoryLine>> recent(String room) {
		return this.work.read(() -> read(room));
	}

	private List<HistoryLine> read(String room) {
		List<String> newestFirst = this.redis.opsForList().range(roomKey(room), 0, this.lines - 1);
		Instant oldest = this.clock.instant().minus(this.maxAge);
		List<HistoryLine> lines = new ArrayList<>();
		if (newestFirst == null) {
			return lines;
		}
		for (int i = newestFirst.size() - 1; i >= 0; i--) {
			HistoryLine line = decode(newestFirst.get(i));
			if (line != null && !line.at().isBefore(oldest)) {
				lines.add(line);
			}
		}
		return lines;
	}

	@Override
	public long roomsEvicted() {
		return this.evicted.get();
	}

	String roomKey(String room) {
		return this.keyPrefix + "history:" + room;
	}

	private String roomsKey() {
		return this.keyPrefix + "history-rooms";
	}

	private String encode(HistoryLine line) {
		return this.json.writeValueAsString(this.json.createObjectNode()
			.put("at", line.at().toEpochMilli())
			.put("nick", line.nickname())
			.put("text", line.text())
			.put("kind", line.kind().name().toLowerCase(Locale.ROOT)));
	}

	/**
	 * @return the line, or null for an entry this version cannot read (written by a later
	 * one, say): left out of the replay, not failing it
	 */
	private HistoryLine decode(String entry) {
		try {
			JsonNode node = this.json.readTree(entry);
			return new HistoryLine(Instant.ofEpochMilli(node.get("at").asLong()), node.get("nick").asString(),
					node.get("text").asString(),
					HistoryLine.Kind.valueOf(node.get("kind").asString().toUpperCase(Locale.ROOT)));
		}
		catch (RuntimeException ex) {
			// JacksonException included: an entry this version cannot read.
			return null;
		}
	}

}
