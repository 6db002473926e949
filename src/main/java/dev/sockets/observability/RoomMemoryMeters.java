package dev.sockets.observability;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import dev.sockets.chat.RoomMemory;

/**
 * What the chat keeps of its rooms for those who join: how much it holds in memory, how
 * much it replays, and what its bounds forgot.
 */
final class RoomMemoryMeters implements MeterBinder {

	private final RoomMemory memory;

	RoomMemoryMeters(RoomMemory memory) {
		this.memory = memory;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("sockets.chat.history.lines", this.memory, RoomMemory::linesHeld)
			.description("Chat lines held in this instance's memory for replaying to users who join (0 on Redis)")
			.register(registry);
		Gauge.builder("sockets.chat.history.rooms", this.memory, RoomMemory::roomsHeld)
			.description("Chat rooms whose lines this instance holds in its memory (0 on Redis)")
			.register(registry);
		FunctionCounter.builder("sockets.chat.history.replayed", this.memory, RoomMemory::linesReplayed)
			.description("Chat history lines replayed to users who joined a room")
			.register(registry);
		FunctionCounter.builder("sockets.chat.history.recalls.failed", this.memory, RoomMemory::recallsFailed)
			.description("Joins whose history and topic could not be had in time, the user told so")
			.register(registry);
		FunctionCounter.builder("sockets.chat.history.lines.cut", this.memory, RoomMemory::linesCut)
			.description("Chat lines kept cut for history, being longer than max-line-length")
			.register(registry);
		FunctionCounter.builder("sockets.chat.rooms.evicted", this.memory, RoomMemory::roomsEvicted)
			.description("Rooms whose history or topic this instance forgot to stay within max-rooms")
			.register(registry);
		FunctionCounter.builder("sockets.chat.topics.set", this.memory, RoomMemory::topicsSet)
			.description("Room topics set or cleared on this instance")
			.register(registry);
	}

}
