package dev.sockets.tcp;

/**
 * The state of every option of one telnet session, each way, by the Q method of RFC 1143:
 * a request is answered only when it changes an option's state, so two sides can never
 * keep answering each other. The server never changes its mind once it has asked, so RFC
 * 1143's queue and "want no" states are not needed; instead an option refused once stays
 * refused, and asking for it again gets no answer: a peer that keeps asking cannot start
 * a loop either.
 * <p>
 * The server accepts BINARY both ways and nothing else.
 */
final class TelnetOptions {

	/** No answer is due. */
	static final int NONE = -1;

	private static final byte NO = 0;

	private static final byte WANT_YES = 1;

	private static final byte YES = 2;

	private static final byte REFUSED = 3;

	/** Options the server uses, by option code. */
	private final byte[] server = new byte[256];

	/** Options the client uses, by option code. */
	private final byte[] client = new byte[256];

	/**
	 * Asks the client to use an option the server accepts.
	 * @return the request to send
	 */
	int askClient(int option) {
		this.client[option] = WANT_YES;
		return Telnet.DO;
	}

	/**
	 * @return whether the client has agreed to use an option
	 */
	boolean clientUses(int option) {
		return this.client[option] == YES;
	}

	/**
	 * @return the verb to answer a client's {@code DO}, {@code DONT}, {@code WILL} or
	 * {@code WONT} with (for the same option), or {@link #NONE}
	 */
	int answer(int verb, int option) {
		return switch (verb) {
			case Telnet.DO -> enable(this.server, option, Telnet.WILL, Telnet.WONT);
			case Telnet.DONT -> disable(this.server, option, Telnet.WONT);
			case Telnet.WILL -> enable(this.client, option, Telnet.DO, Telnet.DONT);
			case Telnet.WONT -> disable(this.client, option, Telnet.DONT);
			default -> throw new IllegalArgumentException("Not a negotiation: " + verb);
		};
	}

	private static int enable(byte[] states, int option, int agree, int refuse) {
		switch (states[option]) {
			case NO -> {
				boolean accepted = option == Telnet.BINARY;
				states[option] = accepted ? YES : REFUSED;
				return accepted ? agree : refuse;
			}
			case WANT_YES -> {
				// The answer to the server's own request.
				states[option] = YES;
				return NONE;
			}
			default -> {
				// Already on, or refused for good.
				return NONE;
			}
		}
	}

	private static int disable(byte[] states, int option, int acknowledge) {
		switch (states[option]) {
			case YES -> {
				states[option] = NO;
				return acknowledge;
			}
			case WANT_YES -> {
				// The server's request was refused.
				states[option] = NO;
				return NONE;
			}
			default -> {
				return NONE;
			}
		}
	}

}
