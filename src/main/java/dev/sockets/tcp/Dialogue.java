package dev.sockets.tcp;

/**
 * What a TCP listener and its clients say to each other: it decides whether a refusal is
 * explained and whether the listener may speak telnet.
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
	 * the listener speaks telnet as its {@code telnet} setting says.
	 */
	LINES

}
