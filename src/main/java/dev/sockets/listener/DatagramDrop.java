package dev.sockets.listener;

import java.util.Locale;

/**
 * Why a datagram was not answered.
 */
public enum DatagramDrop {

	/** It was larger than the listener serves. */
	OVERSIZE,

	/** Its source is not allowed. */
	DENIED,

	/** Its source sent more than its rate allows. */
	RATE_LIMITED,

	/** The service failed on it. */
	ERROR,

	/**
	 * The socket's receive buffer was full: the kernel dropped it before the listener
	 * could read it. Counted by the kernel, and read from it, never reported by the
	 * listener.
	 */
	KERNEL;

	/**
	 * @return the name used in metric tags
	 */
	public String tag() {
		return name().toLowerCase(Locale.ROOT);
	}

}
