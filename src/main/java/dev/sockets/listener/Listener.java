package dev.sockets.listener;

import java.net.InetSocketAddress;

/**
 * A listener as operators see it, whatever its protocol.
 */
public interface Listener {

	ListenerId listenerId();

	/**
	 * @return the address and port it is bound to
	 */
	InetSocketAddress localAddress();

	/**
	 * @return whether it is serving: bound, and accepting connections or receiving datagrams
	 */
	boolean isServing();

	/**
	 * @return the connections open now; 0 for UDP
	 */
	int openConnections();

}
