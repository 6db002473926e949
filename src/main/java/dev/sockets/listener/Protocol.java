package dev.sockets.listener;

import java.util.Locale;

/**
 * The transport protocol of a listener.
 */
public enum Protocol {

	TCP, UDP;

	/**
	 * @return the name used in property paths, metric tags and logs
	 */
	public String id() {
		return name().toLowerCase(Locale.ROOT);
	}

}
