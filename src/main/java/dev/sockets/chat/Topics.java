package dev.sockets.chat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The topics of rooms in this instance's memory, for at most so many rooms: the room
 * whose topic was set the longest ago is forgotten first.
 */
public final class Topics implements TopicStore {

	private final int maxRooms;

	/** The topics in the order they were set. */
	private final Map<String, Topic> topics = new LinkedHashMap<>();

	private long evicted;

	public Topics(int maxRooms) {
		if (maxRooms < 1) {
			throw new IllegalArgumentException("rooms must be positive: " + maxRooms);
		}
		this.maxRooms = maxRooms;
	}

	@Override
	public synchronized void set(String room, Topic topic) {
		this.topics.remove(room);
		if (topic.text().isEmpty()) {
			return;
		}
		this.topics.put(room, topic);
		if (this.topics.size() > this.maxRooms) {
			this.topics.remove(this.topics.keySet().iterator().next());
			this.evicted++;
		}
	}

	@Override
	public synchronized CompletionStage<Optional<Topic>> get(String room) {
		return CompletableFuture.completedFuture(Optional.ofNullable(this.topics.get(room)));
	}

	@Override
	public synchronized long roomsEvicted() {
		return this.evicted;
	}

}
