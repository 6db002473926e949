package dev.sockets.chat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RoomHistoryTest {

	private final TestClock clock = new TestClock(Instant.parse("2026-12-01T10:00:00Z"));

	private final RoomHistory history = new RoomHistory(3, Duration.ofMinutes(10), 2, this.clock);

	private HistoryLine said(String text) {
		return new HistoryLine(this.clock.instant(), "alice", text, HistoryLine.Kind.MESSAGE);
	}

	private List<String> recent(String room) {
		return this.history.recent(room).toCompletableFuture().join().stream().map(HistoryLine::text).toList();
	}

	@Test
	void keepsTheLastLinesOfEachRoomOldestFirst() {
		for (int i = 1; i <= 5; i++) {
			this.history.keep("#a", said("a" + i));
		}
		this.history.keep("#b", said("b1"));
		assertThat(recent("#a")).containsExactly("a3", "a4", "a5");
		assertThat(recent("#b")).containsExactly("b1");
		assertThat(recent("#c")).isEmpty();
		assertThat(this.history.linesHeld()).isEqualTo(4);
		assertThat(this.history.roomsHeld()).isEqualTo(2);
	}

	@Test
	void linesOlderThanTheMaximumAgeAreForgotten() {
		this.history.keep("#a", said("old"));
		this.clock.advance(Duration.ofMinutes(6));
		this.history.keep("#a", said("newer"));
		this.clock.advance(Duration.ofMinutes(5));
		assertThat(recent("#a")).containsExactly("newer");
		assertThat(this.history.linesHeld()).isEqualTo(1);
		this.clock.advance(Duration.ofMinutes(6));
		assertThat(recent("#a")).isEmpty();
		assertThat(this.history.linesHeld()).isZero();
		assertThat(this.history.roomsHeld()).isZero();
	}

	@Test
	void beyondTheMaximumRoomsTheRoomQuietTheLongestIsForgotten() {
		this.history.keep("#a", said("a1"));
		this.history.keep("#b", said("b1"));
		this.history.keep("#a", said("a2"));
		this.history.keep("#c", said("c1"));
		assertThat(recent("#b")).isEmpty();
		assertThat(recent("#a")).containsExactly("a1", "a2");
		assertThat(recent("#c")).containsExactly("c1");
		assertThat(this.history.roomsEvicted()).isEqualTo(1);
		assertThat(this.history.linesHeld()).isEqualTo(3);
	}

	@Test
	void aQuietRoomsOldLinesGoWithTheNextLineSaidAnywhere() {
		this.history.keep("#a", said("a1"));
		this.clock.advance(Duration.ofMinutes(11));
		this.history.keep("#b", said("b1"));
		assertThat(this.history.roomsHeld()).isEqualTo(1);
		assertThat(this.history.linesHeld()).isEqualTo(1);
	}

}
