package dev.sockets.listener;

import java.util.Locale;

/**
 * The services a listener can serve.
 */
public enum Service {

	/** The time (RFC 867 daytime, RFC 868 time, or ISO 8601). */
	TIME,

	/** Echo (RFC 862). */
	ECHO,

	/** The chat. */
	CHAT;

	/**
	 * @return the name used in property paths, metric tags and logs
	 */
	public String id() {
		return name().toLowerCase(Locale.ROOT);
	}

}
