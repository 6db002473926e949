package dev.sockets.listener;

/**
 * What one listener reports as it works. The transport calls it on its I/O threads, so an
 * implementation must be quick and must not block; every method does nothing by default.
 */
public interface TrafficRecorder {

	/** Records nothing. */
	TrafficRecorder NONE = new TrafficRecorder() {
	};

	/**
	 * A connection was accepted and set up.
	 */
	default void opened(ConnectionInfo connection) {
	}

	/**
	 * A connection ended.
	 */
	default void closed(ConnectionInfo connection, CloseReason reason) {
	}

	/**
	 * A connection was turned away before it was served.
	 */
	default void rejected(Rejection reason) {
	}

	/**
	 * A connection's TLS handshake succeeded.
	 * @param nanos how long it took, from the connection's admission to the end of the
	 * handshake
	 */
	default void tlsHandshakeSucceeded(long nanos) {
	}

	/**
	 * A connection's TLS handshake failed; the connection is closed and counted as
	 * rejected too.
	 */
	default void tlsHandshakeFailed(TlsFailure reason) {
	}

	/**
	 * Bytes arrived from a client (after decryption, where there is any).
	 */
	default void bytesReceived(long bytes) {
	}

	/**
	 * Bytes were written to a client.
	 */
	default void bytesSent(long bytes) {
	}

	/**
	 * Messages (lines, chunks or datagrams) arrived and were handled by the flow in the
	 * given time.
	 */
	default void handled(int messages, long nanos) {
	}

	/**
	 * Handling a client's input failed inside the service; the client was told no more
	 * than {@code ERR internal error}.
	 */
	default void failed() {
	}

	/**
	 * A line was not valid UTF-8; it was served with its bad bytes replaced by U+FFFD.
	 */
	default void malformed() {
	}

	/**
	 * A client sent a line over the limit on a listener that goes on after one (IRC): it
	 * was skipped, and the client told.
	 */
	default void lineTooLong() {
	}

	/**
	 * A client sent a telnet command, which was taken out of its input.
	 */
	default void telnetCommand(TelnetCommand command) {
	}

	/**
	 * Messages were sent to a client.
	 */
	default void sent(int messages) {
	}

	/**
	 * Reading from a client stopped until it reads: the replies it asked for filled the
	 * output held for it.
	 */
	default void readsPaused() {
	}

	/**
	 * A message for a client was not delivered: it had gone, or was too slow reading.
	 */
	default void dropped(DeliveryDrop reason) {
	}

	/**
	 * A datagram arrived.
	 */
	default void datagramReceived(int bytes) {
	}

	/**
	 * A datagram was answered.
	 */
	default void datagramAnswered(int bytes) {
	}

	/**
	 * A datagram was not answered.
	 */
	default void datagramDropped(DatagramDrop reason) {
	}

}
