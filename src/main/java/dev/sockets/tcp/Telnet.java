package dev.sockets.tcp;

/**
 * The bytes of the telnet protocol this transport reads and writes: RFC 854's commands,
 * and the options of RFC 856 (BINARY) and RFC 860 (TIMING-MARK).
 */
final class Telnet {

	/** Interpret As Command: every command starts with it; doubled, it is data. */
	static final int IAC = 255;

	static final int DONT = 254;

	static final int DO = 253;

	static final int WONT = 252;

	static final int WILL = 251;

	/** Start of a subnegotiation, which runs to {@code IAC SE}. */
	static final int SB = 250;

	static final int GA = 249;

	static final int EL = 248;

	static final int EC = 247;

	static final int AYT = 246;

	static final int AO = 245;

	static final int IP = 244;

	static final int BRK = 243;

	static final int DM = 242;

	static final int NOP = 241;

	static final int SE = 240;

	/** RFC 856: the sender's bytes are 8-bit data, not NVT ASCII. */
	static final int BINARY = 0;

	/** RFC 860: asks the other side to confirm it has dealt with everything before. */
	static final int TIMING_MARK = 6;

	private Telnet() {
	}

}
