package dev.sockets.echo;

import java.util.Optional;

/**
 * Sends back what it is given: lines with the configured prefix, bytes unchanged.
 */
public final class EchoService {

	private final String greeting;

	private final String replyPrefix;

	public EchoService(String greeting, String replyPrefix) {
		this.greeting = greeting;
		this.replyPrefix = replyPrefix;
	}

	/**
	 * @param greeting the greeting instead of this one's, or null to keep it
	 * @param replyPrefix the reply prefix instead of this one's, or null to keep it
	 * @return an echo that says these around what it echoes
	 */
	public EchoService with(String greeting, String replyPrefix) {
		if (greeting == null && replyPrefix == null) {
			return this;
		}
		return new EchoService((greeting != null) ? greeting : this.greeting,
				(replyPrefix != null) ? replyPrefix : this.replyPrefix);
	}

	/**
	 * @return the line a client gets on connect, if one is configured
	 */
	public Optional<String> greeting() {
		return this.greeting.isEmpty() ? Optional.empty() : Optional.of(this.greeting);
	}

	/**
	 * @param line a line as received, without its terminator
	 * @return the reply line
	 */
	public String reply(String line) {
		return this.replyPrefix.isEmpty() ? line : this.replyPrefix.concat(line);
	}

	/**
	 * @param <B> what holds them: an array, or the buffer they were read into
	 * @param data bytes as received (RFC 862: a datagram or a chunk of a raw stream)
	 * @return the same bytes, in the same holder: they go back unchanged, so answering
	 * them needs no copy
	 */
	public <B> B replyBytes(B data) {
		return data;
	}

}
