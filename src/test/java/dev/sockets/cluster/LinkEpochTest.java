package dev.sockets.cluster;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LinkEpochTest {

	private final LinkEpoch epoch = new LinkEpoch();

	/** Holds what it is given until told to run it, as a thread held up by Redis. */
	private final Queue<Runnable> queued = new ArrayDeque<>();

	private final AtomicInteger stale = new AtomicInteger();

	private final List<String> done = new ArrayList<>();

	private final Executor writes = this.epoch.gate(this.queued::add, this.stale::incrementAndGet);

	private void runQueued() {
		while (!this.queued.isEmpty()) {
			this.queued.poll().run();
		}
	}

	@Test
	void workQueuedWhileTheLinkIsUpIsDone() {
		this.epoch.linked(true);
		this.writes.execute(() -> this.done.add("one"));
		this.writes.execute(() -> this.done.add("two"));
		runQueued();
		assertThat(this.done).containsExactly("one", "two");
		assertThat(this.stale).hasValue(0);
	}

	@Test
	void workQueuedBeforeTheLinkWentDownIsNotDoneWhenItIsUpAgain() {
		this.epoch.linked(true);
		this.writes.execute(() -> this.done.add("before the outage"));
		this.epoch.linked(false);
		this.epoch.linked(true);
		this.writes.execute(() -> this.done.add("after it"));
		runQueued();
		assertThat(this.done).containsExactly("after it");
		assertThat(this.stale).hasValue(1);
	}

	@Test
	void workQueuedWhileTheLinkIsDownIsNotDone() {
		this.writes.execute(() -> this.done.add("before the link was up"));
		this.epoch.linked(true);
		runQueued();
		this.epoch.linked(false);
		this.writes.execute(() -> this.done.add("while it is down"));
		runQueued();
		assertThat(this.done).isEmpty();
		assertThat(this.stale).hasValue(2);
	}

	@Test
	void aMarkIsCurrentOnlyWhileTheLinkStaysUp() {
		this.epoch.linked(true);
		long mark = this.epoch.mark();
		assertThat(this.epoch.current(mark)).isTrue();
		this.epoch.linked(false);
		assertThat(this.epoch.current(mark)).isFalse();
		this.epoch.linked(true);
		assertThat(this.epoch.current(mark)).isFalse();
		assertThat(this.epoch.current(this.epoch.mark())).isTrue();
	}

}
