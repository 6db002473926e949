package dev.sockets.listener;

import java.time.Instant;

/**
 * A listener's state, and why it is in it.
 *
 * @param state what it is doing
 * @param reason why it is not serving, in words an operator reads (the operator's own for
 * a pause or a drain); null while it serves
 * @param since when an operator paused or drained it; null otherwise
 */
public record ListenerStatus(ListenerState state, String reason, Instant since) {

	/** A listener that serves. */
	public static final ListenerStatus SERVING = new ListenerStatus(ListenerState.SERVING, null, null);

	/**
	 * @return the status of a listener an operator paused or drained, from now
	 */
	public static ListenerStatus held(ListenerState state, String reason) {
		if (state != ListenerState.PAUSED && state != ListenerState.DRAINING) {
			throw new IllegalArgumentException("Only a paused or draining listener is held, not " + state.tag());
		}
		return new ListenerStatus(state, reason, Instant.now());
	}

	/**
	 * @return the status of a listener that does not serve, though nobody asked it to
	 * stop
	 */
	public static ListenerStatus stopped(Protocol protocol) {
		return new ListenerStatus(ListenerState.STOPPED,
				"not accepting " + ((protocol == Protocol.TCP) ? "connections" : "datagrams"), null);
	}

}
