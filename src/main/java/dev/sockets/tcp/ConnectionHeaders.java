package dev.sockets.tcp;

/**
 * Message headers the TCP transport understands beyond Spring Integration's {@code ip_*}
 * headers.
 */
public final class ConnectionHeaders {

	/**
	 * {@code true} on a message after which the connection is closed, once the message is
	 * written.
	 */
	public static final String CLOSE_AFTER_SEND = "sockets_closeAfterSend";

	/**
	 * On connection-closed events: why the connection ended, a
	 * {@link dev.sockets.listener.CloseReason}.
	 */
	public static final String CLOSE_REASON = "sockets_closeReason";

	/**
	 * On connection-opened events: who the connection is from, a
	 * {@link dev.sockets.listener.Peer}.
	 */
	public static final String PEER = "sockets_peer";

	private ConnectionHeaders() {
	}

}
