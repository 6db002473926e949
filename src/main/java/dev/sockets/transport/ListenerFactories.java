package dev.sockets.transport;

import dev.sockets.transport.tcp.EventLoops;
import dev.sockets.transport.tcp.NettyServerConnectionFactory;
import dev.sockets.transport.udp.DatagramListener;

/**
 * Builds listeners from their configuration, all bound to the same address, sharing the same I/O
 * threads and reporting to the same recorders.
 */
public final class ListenerFactories {

	private final SocketsProperties sockets;

	private final EventLoops eventLoops;

	private final TrafficRecorders recorders;

	ListenerFactories(SocketsProperties sockets, EventLoops eventLoops, TrafficRecorders recorders) {
		this.sockets = sockets;
		this.eventLoops = eventLoops;
		this.recorders = recorders;
	}

	/**
	 * @param speaksText whether clients read text, so that rejections can be explained with an
	 * {@code ERR} line
	 */
	NettyServerConnectionFactory tcp(ListenerId id, TcpListenerProperties settings, boolean speaksText) {
		return new NettyServerConnectionFactory(id, this.sockets.bindAddress(), settings, speaksText, this.eventLoops,
				this.recorders);
	}

	DatagramListener udp(ListenerId id, UdpListenerProperties settings) {
		return new DatagramListener(id, this.sockets.bindAddress(), settings, this.recorders);
	}

}
