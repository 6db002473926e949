package dev.sockets.chat;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * How many moderation actions of each kind ended each way; read by meters from any
 * thread.
 */
public final class ModerationCounts {

	private static final int OUTCOMES = ModerationAction.Outcome.values().length;

	private final AtomicLongArray counts = new AtomicLongArray(ModerationAction.values().length * OUTCOMES);

	void add(ModerationAction action, ModerationAction.Outcome outcome) {
		this.counts.incrementAndGet(action.ordinal() * OUTCOMES + outcome.ordinal());
	}

	public long count(ModerationAction action, ModerationAction.Outcome outcome) {
		return this.counts.get(action.ordinal() * OUTCOMES + outcome.ordinal());
	}

}
