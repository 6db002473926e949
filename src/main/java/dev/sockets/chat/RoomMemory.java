package dev.sockets.chat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.sockets.chat.ChatOutput.Recall;

/**
 * What the chat remembers of its rooms beyond who is in them: what was said (for those
 * who join) and their topics, in stores of this instance or shared by a cluster. It
 * stamps and cuts what it keeps, and bounds how long a joining user waits for it.
 */
public final class RoomMemory {

	/** What ends a line kept cut. */
	static final String CUT = " [...]";

	private final HistoryStore history;

	private final TopicStore topics;

	private final Clock clock;

	private final int lines;

	private final int maxLineLength;

	private final int maxTopicLength;

	private final Duration recallTimeout;

	private final AtomicLong replayed = new AtomicLong();

	private final AtomicLong recallsFailed = new AtomicLong();

	private final AtomicLong linesCut = new AtomicLong();

	private final AtomicLong topicsSet = new AtomicLong();

	/**
	 * @param history where lines are kept (ignored when the history is off)
	 * @param topics where topics are kept
	 * @param clock the time lines and topics are stamped with
	 */
	public RoomMemory(HistoryStore history, TopicStore topics, HistoryProperties historySettings,
			TopicProperties topicSettings, Clock clock) {
		this.history = historySettings.enabled() ? history : HistoryStore.NONE;
		this.topics = topics;
		this.clock = clock;
		this.lines = historySettings.enabled() ? historySettings.lines() : 0;
		this.maxLineLength = historySettings.maxLineLength();
		this.maxTopicLength = topicSettings.maxLength();
		this.recallTimeout = historySettings.recallTimeout();
	}

	/**
	 * @return a memory without history, with the topics in this instance
	 */
	public static RoomMemory forgetful() {
		TopicProperties topics = new TopicProperties(300, 1000);
		return new RoomMemory(HistoryStore.NONE, new Topics(topics.maxRooms()),
				new HistoryProperties(0, Duration.ZERO, 1, 1024, Duration.ofSeconds(1)), topics, Clock.systemUTC());
	}

	/**
	 * @return a memory of this instance alone
	 */
	public static RoomMemory local(HistoryProperties history, TopicProperties topics, Clock clock) {
		HistoryStore lines = history.enabled()
				? new RoomHistory(history.lines(), history.maxAge(), history.maxRooms(), clock) : HistoryStore.NONE;
		return new RoomMemory(lines, new Topics(topics.maxRooms()), history, topics, clock);
	}

	/**
	 * Keeps a line said to a room, stamped now, cut if too long.
	 */
	void keep(String room, String nickname, String text, HistoryLine.Kind kind) {
		if (this.lines == 0) {
			return;
		}
		String kept = text;
		if (text.length() > this.maxLineLength) {
			kept = text.substring(0, this.maxLineLength - CUT.length()) + CUT;
			this.linesCut.incrementAndGet();
		}
		this.history.keep(room, new HistoryLine(this.clock.instant(), nickname, kept, kind));
	}

	/**
	 * @param withHistory whether the lines are wanted, or the topic alone
	 * @return what a user joining a room is told of it; never fails: what cannot be had
	 * in time is {@linkplain Recall#available() unavailable}
	 */
	CompletableFuture<Recall> recall(String room, boolean withHistory) {
		// The joiner hears what is said from now on live: a store read later (Redis) may
		// hold those lines too, and they are not history to it. Lines Redis keeps are
		// stamped to the millisecond, so one said in the same millisecond can still come
		// twice.
		Instant asked = this.clock.instant();
		CompletableFuture<List<HistoryLine>> lines = (withHistory && this.lines > 0)
				? this.history.recent(room).toCompletableFuture() : CompletableFuture.completedFuture(List.of());
		CompletableFuture<Optional<Topic>> topic = this.topics.get(room).toCompletableFuture();
		return lines.thenCombine(topic, (all, set) -> {
			List<HistoryLine> said = all.stream().filter((line) -> !line.at().isAfter(asked)).toList();
			List<HistoryLine> last = (said.size() > this.lines) ? said.subList(said.size() - this.lines, said.size())
					: said;
			this.replayed.addAndGet(last.size());
			return new Recall(set.orElse(null), List.copyOf(last), true);
		}).orTimeout(this.recallTimeout.toMillis(), TimeUnit.MILLISECONDS).exceptionally((failure) -> {
			this.recallsFailed.incrementAndGet();
			return new Recall(null, List.of(), false);
		});
	}

	/**
	 * @return why a topic cannot be set, or empty if it can
	 */
	Optional<String> topicProblem(String text) {
		if (text.length() > this.maxTopicLength) {
			return Optional.of("topic too long (max " + this.maxTopicLength + " characters)");
		}
		return Optional.empty();
	}

	/**
	 * Sets a room's topic, stamped now.
	 * @param text the topic, escaped; empty clears it
	 * @return the topic set
	 */
	Topic setTopic(String room, String nickname, String text) {
		Topic topic = topic(nickname, text);
		this.topics.set(room, topic);
		this.topicsSet.incrementAndGet();
		return topic;
	}

	/**
	 * @return a topic set now
	 */
	Topic topic(String nickname, String text) {
		return new Topic(text, nickname, this.clock.instant());
	}

	/**
	 * @return the lines this instance holds for replaying
	 */
	public int linesHeld() {
		return this.history.linesHeld();
	}

	/**
	 * @return the rooms whose lines this instance holds
	 */
	public int roomsHeld() {
		return this.history.roomsHeld();
	}

	/**
	 * @return the rooms whose lines or topic were forgotten for the bound on rooms
	 */
	public long roomsEvicted() {
		return this.history.roomsEvicted() + this.topics.roomsEvicted();
	}

	/**
	 * @return the lines replayed to users who joined
	 */
	public long linesReplayed() {
		return this.replayed.get();
	}

	/**
	 * @return the joins whose history or topic could not be had in time
	 */
	public long recallsFailed() {
		return this.recallsFailed.get();
	}

	/**
	 * @return the lines kept cut, being longer than the longest kept
	 */
	public long linesCut() {
		return this.linesCut.get();
	}

	/**
	 * @return the topics set (or cleared) on this instance
	 */
	public long topicsSet() {
		return this.topicsSet.get();
	}

}
