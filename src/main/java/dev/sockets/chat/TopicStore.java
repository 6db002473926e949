package dev.sockets.chat;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Where rooms' topics are kept: in this instance ({@link Topics}) or, for a chat spanning
 * instances, where every instance reads the same topics.
 */
public interface TopicStore {

	/**
	 * Sets a room's topic. Called with the chat's lock held, so it must not wait on the
	 * network.
	 * @param topic the topic; one with empty text clears it
	 */
	void set(String room, Topic topic);

	/**
	 * @return the room's topic, if it has one; a store that asks the network answers
	 * later, on a thread of its own, and fails when it cannot answer
	 */
	CompletionStage<Optional<Topic>> get(String room);

	/**
	 * @return how many rooms' topics were forgotten to keep within the store's bound on
	 * rooms, for the meters
	 */
	default long roomsEvicted() {
		return 0;
	}

}
