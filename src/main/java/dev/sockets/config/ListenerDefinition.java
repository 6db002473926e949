package dev.sockets.config;

import java.net.InetSocketAddress;

import dev.sockets.listener.ListenerId;

/**
 * One enabled listener, resolved from its configuration: who it is, where it binds, how
 * it behaves.
 */
public sealed interface ListenerDefinition permits ListenerDefinition.Tcp, ListenerDefinition.Udp {

	ListenerId id();

	/**
	 * @return the address and port to bind; port 0 lets the system choose
	 */
	InetSocketAddress address();

	/**
	 * A TCP listener.
	 *
	 * @param id the listener
	 * @param address where it binds
	 * @param settings its settings
	 */
	record Tcp(ListenerId id, InetSocketAddress address, TcpListenerProperties settings) implements ListenerDefinition {
	}

	/**
	 * A UDP listener.
	 *
	 * @param id the listener
	 * @param address where it binds
	 * @param settings its settings
	 */
	record Udp(ListenerId id, InetSocketAddress address, UdpListenerProperties settings) implements ListenerDefinition {
	}

}
