package dev.sockets.config;

/**
 * Whether a line listener speaks the telnet protocol (RFC 854) with its clients.
 */
public enum TelnetMode {

	/**
	 * Silent until a client sends its first telnet command, then as {@link #ON}: clients
	 * that never send one, such as {@code nc}, never see a telnet byte.
	 */
	AUTO,

	/** Negotiates as soon as a client connects. */
	ON,

	/** No telnet: every byte a client sends, 255 (IAC) included, is data. */
	OFF

}
