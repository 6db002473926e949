package dev.sockets.listener;

/**
 * A telnet command a client sent (RFC 854), by kind. Commands are taken out of the input
 * before any service sees it.
 */
public enum TelnetCommand {

	/** {@code WILL}: the client offers, or agrees, to use an option. */
	WILL("will"),

	/** {@code WONT}: the client refuses, or stops using, an option. */
	WONT("wont"),

	/**
	 * {@code DO}: the client asks the server to use an option, or agrees that it does.
	 */
	DO("do"),

	/** {@code DONT}: the client asks the server to stop using an option. */
	DONT("dont"),

	/** {@code SB ... SE}: a subnegotiation, skipped. */
	SUBNEGOTIATION("sb"),

	/** {@code IP}, Interrupt Process: what a telnet client sends for Ctrl-C. */
	INTERRUPT_PROCESS("ip"),

	/** {@code BRK}, Break: what a telnet client sends for its quit key. */
	BREAK("brk"),

	/** {@code AO}, Abort Output. */
	ABORT_OUTPUT("ao"),

	/** {@code AYT}, Are You There: answered with a line. */
	ARE_YOU_THERE("ayt"),

	/** {@code EC}, Erase Character. */
	ERASE_CHARACTER("ec"),

	/** {@code EL}, Erase Line. */
	ERASE_LINE("el"),

	/** {@code NOP}, No Operation. */
	NO_OPERATION("nop"),

	/** {@code GA}, Go Ahead. */
	GO_AHEAD("ga"),

	/** {@code DM}, Data Mark, the end of a Synch. */
	DATA_MARK("dm"),

	/**
	 * {@code IAC} followed by a byte that is no command, or an {@code SE} outside a
	 * subnegotiation.
	 */
	UNKNOWN("unknown");

	private final String tag;

	TelnetCommand(String tag) {
		this.tag = tag;
	}

	/**
	 * @return the name used in metric tags: the command's name in RFC 854, in lower case
	 */
	public String tag() {
		return this.tag;
	}

}
