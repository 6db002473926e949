package dev.sockets.chat;

import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TopicsTest {

	private final Topics topics = new Topics(2);

	private Optional<Topic> get(String room) {
		return this.topics.get(room).toCompletableFuture().join();
	}

	private static Topic topic(String text) {
		return new Topic(text, "alice", Instant.parse("2026-12-01T10:00:00Z"));
	}

	@Test
	void aTopicIsKeptUntilClearedOrReplaced() {
		assertThat(get("#a")).isEmpty();
		this.topics.set("#a", topic("first"));
		this.topics.set("#a", topic("second"));
		assertThat(get("#a")).map(Topic::text).contains("second");
		this.topics.set("#a", topic(""));
		assertThat(get("#a")).isEmpty();
	}

	@Test
	void beyondTheMaximumRoomsTheTopicSetTheLongestAgoIsForgotten() {
		this.topics.set("#a", topic("a"));
		this.topics.set("#b", topic("b"));
		this.topics.set("#a", topic("a again"));
		this.topics.set("#c", topic("c"));
		assertThat(get("#b")).isEmpty();
		assertThat(get("#a")).map(Topic::text).contains("a again");
		assertThat(get("#c")).map(Topic::text).contains("c");
		assertThat(this.topics.roomsEvicted()).isEqualTo(1);
	}

}
