package dev.sockets.listener;

import java.util.Locale;

/**
 * Why a connection was turned away before it was served.
 */
public enum Rejection {

	/**
	 * The listener's limit of connections at once was reached, or too many client
	 * addresses are tracked.
	 */
	LIMIT,

	/** The client's address has as many connections open as one address may. */
	PER_SOURCE,

	/** The client's address opened new connections faster than one address may. */
	RATE,

	/** The client's address is not allowed. */
	DENIED,

	/**
	 * The TLS handshake failed: no common protocol, or a client certificate that is not
	 * trusted.
	 */
	TLS,

	/**
	 * The PROXY protocol header was missing, malformed, too large, late, or sent by a
	 * peer that is not a trusted proxy.
	 */
	PROXY_HEADER,

	/** The connection could not be set up. */
	ERROR;

	/**
	 * @return the name used in metric tags
	 */
	public String tag() {
		return name().toLowerCase(Locale.ROOT);
	}

}
