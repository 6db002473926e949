package dev.sockets.chat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The history of rooms in this instance's memory: a ring of the last lines of each room,
 * none older than a maximum age, for at most so many rooms; the room whose last line is
 * the oldest is forgotten first. So it never holds more than rooms x lines lines, each at
 * most a line's length, whatever users do.
 */
public final class RoomHistory implements HistoryStore {

	private final int lines;

	private final Duration maxAge;

	private final int maxRooms;

	private final Clock clock;

	/** Each room's lines, oldest first; the rooms in the order of their last line. */
	private final LinkedHashMap<String, ArrayDeque<HistoryLine>> rooms = new LinkedHashMap<>();

	private int held;

	private long evicted;

	/**
	 * @param lines the lines kept per room, at most
	 * @param maxAge how long a line is kept
	 * @param maxRooms the rooms kept, at most
	 * @param clock what tells a line's age
	 */
	public RoomHistory(int lines, Duration maxAge, int maxRooms, Clock clock) {
		if (lines < 1 || maxRooms < 1) {
			throw new IllegalArgumentException("lines and rooms must be positive: " + lines + ", " + maxRooms);
		}
		this.lines = lines;
		this.maxAge = maxAge;
		this.maxRooms = maxRooms;
		this.clock = clock;
	}

	@Override
	public synchronized void keep(String room, HistoryLine line) {
		// Taken out and put back, so that the rooms stay in the order of their last line.
		ArrayDeque<HistoryLine> kept = this.rooms.remove(room);
		if (kept == null) {
			kept = new ArrayDeque<>(Math.min(this.lines, 16));
		}
		kept.addLast(line);
		this.held++;
		if (kept.size() > this.lines) {
			kept.removeFirst();
			this.held--;
		}
		this.rooms.put(room, kept);
		if (this.rooms.size() > this.maxRooms) {
			Iterator<ArrayDeque<HistoryLine>> eldest = this.rooms.values().iterator();
			this.held -= eldest.next().size();
			eldest.remove();
			this.evicted++;
		}
		expireQuietest();
	}

	@Override
	public synchronized CompletionStage<List<HistoryLine>> recent(String room) {
		ArrayDeque<HistoryLine> kept = this.rooms.get(room);
		if (kept == null) {
			return CompletableFuture.completedFuture(List.of());
		}
		expire(kept);
		if (kept.isEmpty()) {
			this.rooms.remove(room);
		}
		return CompletableFuture.completedFuture(new ArrayList<>(kept));
	}

	@Override
	public synchronized int linesHeld() {
		expireQuietest();
		return this.held;
	}

	@Override
	public synchronized int roomsHeld() {
		return this.rooms.size();
	}

	@Override
	public synchronized long roomsEvicted() {
		return this.evicted;
	}

	/**
	 * Forgets the lines too old of the room quiet the longest, and that room if none is
	 * left: a little at every line, so that rooms nobody joins do not hold their lines
	 * until evicted.
	 */
	private void expireQuietest() {
		Iterator<Map.Entry<String, ArrayDeque<HistoryLine>>> quietest = this.rooms.entrySet().iterator();
		if (quietest.hasNext()) {
			ArrayDeque<HistoryLine> kept = quietest.next().getValue();
			expire(kept);
			if (kept.isEmpty()) {
				quietest.remove();
			}
		}
	}

	private void expire(ArrayDeque<HistoryLine> kept) {
		Instant oldest = this.clock.instant().minus(this.maxAge);
		while (!kept.isEmpty() && kept.peekFirst().at().isBefore(oldest)) {
			kept.removeFirst();
			this.held--;
		}
	}

}
