package dev.sockets.listener;

/**
 * Hands each listener its {@link TrafficRecorder} once it knows its port.
 */
@FunctionalInterface
public interface TrafficRecorders {

	/** Records nothing. */
	TrafficRecorders NONE = (listener, port) -> TrafficRecorder.NONE;

	TrafficRecorder forListener(ListenerId listener, int port);

}
