package dev.sockets.listener;

import java.util.Locale;

/**
 * What a listener is doing, as health, meters and the {@code sockets} endpoint show it.
 */
public enum ListenerState {

	/** Bound, and accepting connections or receiving datagrams. */
	SERVING,

	/**
	 * Paused by an operator: new connections and datagrams are refused; open connections
	 * go on.
	 */
	PAUSED,

	/**
	 * Drained by an operator: new connections and datagrams are refused, and the open
	 * connections were told and closed after what they had been sent.
	 */
	DRAINING,

	/** Not serving without an operator asking: not started yet, stopping, or failed. */
	STOPPED;

	/**
	 * @return the name used in metric tags and on the actuator
	 */
	public String tag() {
		return name().toLowerCase(Locale.ROOT);
	}

}
