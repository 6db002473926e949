package dev.sockets.config;

/**
 * How a TCP byte stream is cut into messages.
 */
public enum Framing {

	/**
	 * Lines ending in LF; a CR before the LF is dropped, so CRLF clients (telnet) work
	 * too.
	 */
	LF,

	/** Lines ending in CRLF only; a bare LF is part of the line. */
	CRLF,

	/** No framing: bytes are passed on as they arrive, binary-safe. */
	RAW

}
