package dev.sockets.config;

/**
 * What a chat listener's clients speak.
 */
public enum ChatDialect {

	/**
	 * Lines typed by a user ({@code telnet}, {@code nc}): commands start with {@code /},
	 * a user is in one room at a time.
	 */
	LINE,

	/**
	 * IRC (RFC 1459, RFC 2812): for IRC clients, bouncers and bots; a user is in any
	 * number of rooms, as channels.
	 */
	IRC

}
