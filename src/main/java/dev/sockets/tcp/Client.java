package dev.sockets.tcp;

import java.net.InetSocketAddress;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;

/**
 * Who is at the other end of a connection, as admission established it: the peer itself,
 * or, behind a trusted proxy, the client its PROXY protocol header named.
 *
 * @param address the client's address and port
 * @param proxy the proxy's address when a header was used; null otherwise
 */
record Client(InetSocketAddress address, InetSocketAddress proxy) {

	private static final AttributeKey<Client> KEY = AttributeKey.valueOf(Client.class, "client");

	void attachTo(Channel channel) {
		channel.attr(KEY).set(this);
	}

	/**
	 * @return the client admission attached to the channel
	 */
	static Client of(Channel channel) {
		Client client = channel.attr(KEY).get();
		return (client != null) ? client : new Client((InetSocketAddress) channel.remoteAddress(), null);
	}

}
