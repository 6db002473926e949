package dev.sockets.chat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * One member's output while something it is to be told first is still being fetched (a
 * room's history from Redis, say): what comes meanwhile waits behind it, so the member
 * reads everything in the order the chat decided it, and no thread waits. Not
 * thread-safe: the chat's lock guards it.
 */
final class Holdback {

	private final Deque<Slot> slots = new ArrayDeque<>();

	/**
	 * @return whether output is waiting behind something still being fetched
	 */
	boolean holding() {
		return !this.slots.isEmpty();
	}

	/**
	 * @return a place for what is being fetched, ahead of whatever comes after it
	 */
	Slot reserve() {
		Slot slot = new Slot();
		this.slots.addLast(slot);
		return slot;
	}

	/**
	 * Puts lines behind what is being fetched.
	 */
	void hold(List<Delivery> lines) {
		Slot last = this.slots.peekLast();
		if (last == null || !last.ready) {
			last = new Slot();
			last.ready = true;
			this.slots.addLast(last);
		}
		last.lines.addAll(lines);
	}

	/**
	 * Fills a reserved place, and hands over what is no longer waiting.
	 */
	void fill(Slot slot, List<Delivery> lines, List<Delivery> out) {
		slot.lines.addAll(lines);
		slot.ready = true;
		while (!this.slots.isEmpty() && this.slots.peekFirst().ready) {
			out.addAll(this.slots.pollFirst().lines);
		}
	}

	/**
	 * Hands over everything waiting, giving up on what is still being fetched: for a
	 * session about to end, whose last lines must not wait.
	 */
	void release(List<Delivery> out) {
		for (Slot slot : this.slots) {
			out.addAll(slot.lines);
		}
		this.slots.clear();
	}

	/**
	 * A place in the member's output.
	 */
	static final class Slot {

		private final List<Delivery> lines = new ArrayList<>();

		private boolean ready;

	}

}
