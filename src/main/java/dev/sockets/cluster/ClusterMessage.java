package dev.sockets.cluster;

import dev.sockets.chat.ChatEvent;

/**
 * A chat event on its way between instances.
 *
 * @param origin the instance it happened on; an instance ignores its own, so nothing is
 * delivered twice
 * @param sequence the origin's count of the messages it published, for tracing
 * @param event what happened
 */
record ClusterMessage(String origin, long sequence, ChatEvent event) {
}
