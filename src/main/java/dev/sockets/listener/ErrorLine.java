package dev.sockets.listener;

/**
 * The one form every error takes for a client that reads lines: {@code ERR }, then what
 * went wrong in words a {@code telnet} user can read.
 */
public final class ErrorLine {

	private static final String PREFIX = "ERR ";

	private ErrorLine() {
	}

	/**
	 * @param problem what went wrong, e.g. {@code line too long (max 8192 bytes)}
	 * @return the line, without its terminator
	 */
	public static String of(String problem) {
		return PREFIX.concat(problem);
	}

}
