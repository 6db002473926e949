package dev.sockets.listener;

import java.util.Locale;

/**
 * Why a connection ended.
 */
public enum CloseReason {

	/** The client closed it. */
	CLIENT_CLOSED("connection closed"),

	/** The network failed or the client reset it. */
	RESET("connection lost"),

	/** The client sent nothing for longer than the idle timeout. */
	IDLE("idle timeout"),

	/** The client began a line and did not finish it in time. */
	UNFINISHED_LINE("line not finished"),

	/** The client sent a line longer than the maximum. */
	LINE_TOO_LONG("line too long"),

	/** The client stopped reading while output for it kept coming. */
	SLOW_READER("too slow reading"),

	/** The listener had no room for another connection. */
	TOO_MANY_CONNECTIONS("too many connections"),

	/**
	 * The service finished with it, e.g. after telling the time or after {@code /quit}.
	 */
	SERVER_CLOSED("closed by server"),

	/** An operator closed it through the actuator. */
	OPERATOR("closed by operator"),

	/** An operator drained its listener through the actuator. */
	DRAINING("server draining"),

	/** The service is stopping. */
	SHUTDOWN("server shutting down");

	private final String description;

	CloseReason(String description) {
		this.description = description;
	}

	/**
	 * @return the reason in words, as users and logs see it
	 */
	public String description() {
		return this.description;
	}

	/**
	 * @return the name used in metric tags
	 */
	public String tag() {
		return name().toLowerCase(Locale.ROOT);
	}

}
