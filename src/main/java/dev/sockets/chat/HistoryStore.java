package dev.sockets.chat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Where the lines said to rooms are kept for those who join later: in this instance
 * ({@link RoomHistory}) or, for a chat spanning instances, where every instance reads the
 * same lines.
 */
public interface HistoryStore {

	/** Keeps nothing: history is off. */
	HistoryStore NONE = new HistoryStore() {

		@Override
		public void keep(String room, HistoryLine line) {
		}

		@Override
		public CompletionStage<List<HistoryLine>> recent(String room) {
			return CompletableFuture.completedFuture(List.of());
		}

	};

	/**
	 * Keeps a line said to a room. Called with the chat's lock held, so it must not wait
	 * on the network.
	 */
	void keep(String room, HistoryLine line);

	/**
	 * @return the lines still kept for a room, oldest first; a store that asks the
	 * network answers later, on a thread of its own, and fails when it cannot answer
	 */
	CompletionStage<List<HistoryLine>> recent(String room);

	/**
	 * @return the lines this instance holds in its memory, for the meters
	 */
	default int linesHeld() {
		return 0;
	}

	/**
	 * @return the rooms this instance holds lines of in its memory, for the meters
	 */
	default int roomsHeld() {
		return 0;
	}

	/**
	 * @return how many rooms' lines were forgotten to keep within the store's bound on
	 * rooms, for the meters
	 */
	default long roomsEvicted() {
		return 0;
	}

}
