package dev.sockets.listener;

import java.util.Locale;

/**
 * Why a message for a TCP client was not delivered.
 */
public enum DeliveryDrop {

	/**
	 * The client had gone, or its connection was closing, when the message was to be
	 * written.
	 */
	DEPARTED,

	/**
	 * The client had stopped reading, and was disconnected rather than let memory grow.
	 */
	SLOW_READER;

	/**
	 * @return the name used in metric tags
	 */
	public String tag() {
		return name().toLowerCase(Locale.ROOT);
	}

}
