package dev.sockets.tcp;

import dev.sockets.listener.ErrorLine;

/**
 * What a TCP listener and its clients say to each other: it decides whether a refusal is
 * explained, and in what form, whether the listener may speak telnet, and what becomes of
 * a line too long and of a quiet client.
 */
public enum Dialogue {

	/**
	 * Bytes both ways, or binary output (raw echo, RFC 868 time): a refusal is a close
	 * without a word, and input is never telnet.
	 */
	BYTES,

	/**
	 * Text from the server, input ignored (daytime): a refusal is explained with an
	 * {@code ERR} line; input is never telnet.
	 */
	TEXT,

	/**
	 * Lines typed by a user and lines back (chat, line echo): refusals are explained, and
	 * the listener speaks telnet as its {@code telnet} setting says; a line too long, or
	 * a client quiet too long, ends the connection.
	 */
	LINES,

	/**
	 * IRC (RFC 1459, RFC 2812): refusals are explained with an IRC {@code ERROR}, never
	 * telnet; lines are at most 512 bytes with their CRLF, and a longer one is passed on
	 * as {@link LineTooLong} for the service to answer, the connection going on; a quiet
	 * client is sent a {@code PING}, and closed only if it stays quiet.
	 */
	IRC;

	/**
	 * The longest IRC line without its CRLF (RFC 1459 §2.3).
	 */
	static final int IRC_MAX_LINE = 510;

	/**
	 * @param problem what went wrong, in words
	 * @return the line that tells a client, without its terminator
	 */
	String errorLine(String problem) {
		return (this == IRC) ? "ERROR :" + problem : ErrorLine.of(problem);
	}

	/**
	 * @return the line that tells a client that its input could not be handled, the
	 * connection going on: on IRC a notice, since an {@code ERROR} announces a close
	 */
	String failureLine() {
		return (this == IRC) ? "NOTICE * :internal error" : ErrorLine.of("internal error");
	}

}
