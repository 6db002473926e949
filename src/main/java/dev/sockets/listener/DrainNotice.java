package dev.sockets.listener;

/**
 * Something that tells a draining listener's clients that it is draining, once it no
 * longer accepts connections and before its open connections are closed.
 */
@FunctionalInterface
public interface DrainNotice {

	void draining(Listener listener);

}
