package dev.sockets.listener;

/**
 * Hands each listener its {@link TrafficRecorder} once it is bound, so that what the
 * listener knows of itself (its port, its limits, what it holds now) can be read from it
 * too.
 */
@FunctionalInterface
public interface TrafficRecorders {

	/** Records nothing. */
	TrafficRecorders NONE = (listener) -> TrafficRecorder.NONE;

	TrafficRecorder forListener(Listener listener);

}
