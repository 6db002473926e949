package dev.sockets.cluster;

import dev.sockets.chat.ChatEvent;

/**
 * A chat event on its way between instances.
 *
 * @param origin the instance it happened on; an instance ignores its own, so nothing is
 * delivered twice
 * @param sequence the origin's count of the messages it published, for tracing
 * @param event what happened
 * @param asking on a presence: the origin is joining, and asks every instance for its own
 * presence at once rather than at its next heartbeat
 */
record ClusterMessage(String origin, long sequence, ChatEvent event, boolean asking) {

	ClusterMessage(String origin, long sequence, ChatEvent event) {
		this(origin, sequence, event, false);
	}

}
