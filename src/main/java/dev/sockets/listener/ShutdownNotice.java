package dev.sockets.listener;

/**
 * Something that tells its clients the service is stopping, once listeners no longer
 * accept connections and before open connections are closed.
 */
@FunctionalInterface
public interface ShutdownNotice {

	void shuttingDown();

}
