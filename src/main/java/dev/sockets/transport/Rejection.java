package dev.sockets.transport;

import java.util.Locale;

/**
 * Why a connection was turned away before it was served.
 */
public enum Rejection {

	/** A limit was reached: connections at once, or per source. */
	LIMIT,

	/** The client's address is not allowed. */
	DENIED,

	/** The TLS handshake failed: no common protocol, or a client certificate that is not trusted. */
	TLS,

	/** The connection could not be set up. */
	ERROR;

	/**
	 * @return the name used in metric tags
	 */
	public String tag() {
		return name().toLowerCase(Locale.ROOT);
	}

}
