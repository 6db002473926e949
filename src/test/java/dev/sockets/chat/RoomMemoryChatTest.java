package dev.sockets.chat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * History, topics, actions and away, as line users see them.
 */
class RoomMemoryChatTest {

	private final TestClock clock = new TestClock(Instant.parse("2026-12-01T10:00:00Z"));

	private final HistoryProperties history = new HistoryProperties(3, Duration.ofMinutes(10), 100, 40,
			Duration.ofSeconds(5));

	private final TopicProperties topics = new TopicProperties(20, 100);

	private final ChatService chat = chat(RoomMemory.local(this.history, this.topics, this.clock));

	private static ChatService chat(RoomMemory memory) {
		return new ChatService(ChatServiceTest.properties("", ChatProperties.Flood.unlimited()), ChatCluster.NONE,
				memory);
	}

	/**
	 * @return a store that keeps nothing and answers every room with the same future
	 */
	private static HistoryStore answering(CompletionStage<List<HistoryLine>> answer) {
		return new HistoryStore() {

			@Override
			public void keep(String room, HistoryLine line) {
			}

			@Override
			public CompletionStage<List<HistoryLine>> recent(String room) {
				return answer;
			}

		};
	}

	private List<String> to(List<Delivery> deliveries, String session) {
		return ChatServiceTest.to(deliveries, session);
	}

	@Test
	void aJoiningUserIsToldTheLastLinesStampedAndFramedBeforeWhoIsHere() {
		this.chat.connect("a");
		this.chat.receive("a", "first");
		this.clock.advance(Duration.ofSeconds(61));
		this.chat.receive("a", "second");
		this.chat.receive("a", "/me waves");
		this.chat.receive("a", "fourth");
		assertThat(to(this.chat.connect("b"), "b")).containsExactly(
				"* You are guest2 in #lobby. Type /help for commands.",
				"* history of #lobby, the last 3 lines, times in UTC:", "[2026-12-01T10:01:01Z] <guest1> second",
				"[2026-12-01T10:01:01Z] * guest1 waves", "[2026-12-01T10:01:01Z] <guest1> fourth", "* end of history",
				"* Also here: guest1");
	}

	@Test
	void privateMessagesAreNeverKept() {
		this.chat.connect("a");
		this.chat.connect("b");
		this.chat.receive("a", "/msg guest2 a secret");
		assertThat(to(this.chat.connect("c"), "c")).noneMatch((line) -> line.contains("secret"))
			.doesNotContain("* end of history");
	}

	@Test
	void linesOlderThanTheMaximumAgeAreNotReplayed() {
		this.chat.connect("a");
		this.chat.receive("a", "soon stale");
		this.clock.advance(Duration.ofMinutes(11));
		assertThat(to(this.chat.connect("b"), "b")).noneMatch((line) -> line.contains("stale"));
	}

	@Test
	void withNoLinesNothingIsKept() {
		ChatService forgetful = chat(
				RoomMemory.local(new HistoryProperties(0, Duration.ofHours(1), 100, 1024, Duration.ofSeconds(1)),
						this.topics, this.clock));
		forgetful.connect("a");
		forgetful.receive("a", "gone with the wind");
		assertThat(to(forgetful.connect("b"), "b"))
			.containsExactly("* You are guest2 in #lobby. Type /help for commands.", "* Also here: guest1");
	}

	@Test
	void aLongLineIsKeptCut() {
		this.chat.connect("a");
		this.chat.receive("a", "x".repeat(100));
		assertThat(to(this.chat.connect("b"), "b"))
			.contains("[2026-12-01T10:00:00Z] <guest1> " + "x".repeat(34) + " [...]");
	}

	@Test
	void anActionGoesToTheRoomAsTheNicknameAndTheText() {
		this.chat.connect("a");
		this.chat.connect("b");
		assertThat(to(this.chat.receive("a", "/me waves"), "b")).containsExactly("* guest1 waves");
		assertThat(to(this.chat.receive("a", "/me"), "a")).containsExactly("ERR usage: /me TEXT");
	}

	@Test
	void aTopicIsShownOnJoinAndToWhoAsks() {
		this.chat.connect("a");
		assertThat(to(this.chat.receive("a", "/topic"), "a")).containsExactly("* No topic is set for #lobby.");
		this.chat.connect("b");
		assertThat(this.chat.receive("a", "/topic  plans for today ")).extracting(Delivery::text)
			.containsExactly("* guest1 set the topic of #lobby: plans for today",
					"* guest1 set the topic of #lobby: plans for today");
		this.clock.advance(Duration.ofMinutes(1));
		assertThat(to(this.chat.connect("c"), "c")).containsExactly(
				"* You are guest3 in #lobby. Type /help for commands.",
				"* Topic for #lobby: plans for today (set by guest1 at 2026-12-01T10:00:00Z)",
				"* Also here: guest1, guest2");
		assertThat(to(this.chat.receive("c", "/topic"), "c"))
			.containsExactly("* Topic for #lobby: plans for today (set by guest1 at 2026-12-01T10:00:00Z)");
		assertThat(to(this.chat.receive("c", "/topic " + "y".repeat(21)), "c"))
			.containsExactly("ERR topic too long (max 20 characters)");
	}

	@Test
	void anAwayUserIsShownAwayAndAnsweredForWhenWrittenTo() {
		this.chat.connect("a");
		this.chat.connect("b");
		assertThat(to(this.chat.receive("b", "/away at lunch"), "b")).containsExactly("* You are away.");
		assertThat(to(this.chat.receive("a", "/who"), "a"))
			.containsExactly("* In #lobby: guest1, guest2 (away: at lunch)");
		List<Delivery> out = this.chat.receive("a", "/msg guest2 are you there?");
		assertThat(to(out, "b")).containsExactly("*guest1* are you there?");
		assertThat(to(out, "a")).containsExactly("-> *guest2* are you there?", "* guest2 is away: at lunch");
		assertThat(to(this.chat.receive("b", "/away"), "b")).containsExactly("* You are back.");
		assertThat(to(this.chat.receive("a", "/msg guest2 back?"), "a")).containsExactly("-> *guest2* back?");
	}

	@Test
	void whatComesWhileTheHistoryIsFetchedWaitsBehindIt() {
		CompletableFuture<List<HistoryLine>> fetched = new CompletableFuture<>();
		HistoryStore slow = answering(fetched);
		ChatService chat = chat(new RoomMemory(slow, new Topics(10), this.history, this.topics, this.clock));
		List<Delivery> out = Collections.synchronizedList(new ArrayList<>());
		chat.connect("a", out::addAll);
		chat.connect("b", out::addAll);
		chat.receive("a", "said while b waits", out::addAll);
		chat.receive("b", "/who", out::addAll);
		assertThat(to(out, "b")).containsExactly("* You are guest2 in #lobby. Type /help for commands.");
		fetched.complete(List.of(new HistoryLine(this.clock.instant(), "old", "long ago", HistoryLine.Kind.MESSAGE)));
		Awaitility.await()
			.untilAsserted(() -> assertThat(to(List.copyOf(out), "b")).containsExactly(
					"* You are guest2 in #lobby. Type /help for commands.",
					"* history of #lobby, the last 1 line, times in UTC:", "[2026-12-01T10:00:00Z] <old> long ago",
					"* end of history", "* Also here: guest1", "<guest1> said while b waits",
					"* In #lobby: guest1, guest2"));
	}

	@Test
	void aLineSaidWhileTheHistoryIsFetchedIsHeardLiveAndNotAgainAsHistory() {
		CompletableFuture<List<HistoryLine>> fetched = new CompletableFuture<>();
		ChatService chat = chat(
				new RoomMemory(answering(fetched), new Topics(10), this.history, this.topics, this.clock));
		List<Delivery> out = Collections.synchronizedList(new ArrayList<>());
		chat.connect("a", out::addAll);
		Instant joined = this.clock.instant();
		chat.connect("b", out::addAll);
		this.clock.advance(Duration.ofMillis(3));
		chat.receive("a", "said while b waits", out::addAll);
		// The store was written before it answered: it holds the line b heard live.
		fetched.complete(List.of(new HistoryLine(joined.minusSeconds(60), "old", "long ago", HistoryLine.Kind.MESSAGE),
				new HistoryLine(joined, "old", "at the join", HistoryLine.Kind.MESSAGE),
				new HistoryLine(this.clock.instant(), "guest1", "said while b waits", HistoryLine.Kind.MESSAGE)));
		Awaitility.await()
			.untilAsserted(() -> assertThat(to(List.copyOf(out), "b")).containsExactly(
					"* You are guest2 in #lobby. Type /help for commands.",
					"* history of #lobby, the last 2 lines, times in UTC:", "[2026-12-01T09:59:00Z] <old> long ago",
					"[2026-12-01T10:00:00Z] <old> at the join", "* end of history", "* Also here: guest1",
					"<guest1> said while b waits"));
	}

	@Test
	void aHistoryThatCannotBeHadInTimeIsSaidToBeUnavailable() {
		HistoryStore failing = answering(CompletableFuture.failedFuture(new IllegalStateException("no Redis")));
		RoomMemory memory = new RoomMemory(failing, new Topics(10), this.history, this.topics, this.clock);
		ChatService chat = chat(memory);
		assertThat(to(chat.connect("a"), "a")).containsExactly("* You are guest1 in #lobby. Type /help for commands.",
				"* The topic and history of #lobby are unavailable now.", "* Nobody else is here yet.");
		assertThat(memory.recallsFailed()).isEqualTo(1);
	}

	@Test
	void aQuitWhileTheHistoryIsFetchedIsAnsweredAtOnce() {
		HistoryStore never = answering(new CompletableFuture<>());
		ChatService chat = chat(new RoomMemory(never, new Topics(10), this.history, this.topics, this.clock));
		chat.connect("a");
		List<Delivery> bye = chat.receive("a", "/quit");
		assertThat(bye).extracting(Delivery::text).containsExactly("* Bye.");
		assertThat(bye.get(0).closeAfter()).isTrue();
	}

}
