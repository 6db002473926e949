package dev.sockets.flows;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ssl.SslBundles;

import dev.sockets.tcp.EventLoops;
import dev.sockets.tcp.ListenerTls;
import dev.sockets.tcp.NettyServerConnectionFactory;
import dev.sockets.udp.DatagramListener;
import dev.sockets.config.SocketsProperties;
import dev.sockets.config.TcpListenerProperties;
import dev.sockets.config.UdpListenerProperties;
import dev.sockets.listener.ListenerId;
import dev.sockets.listener.TrafficRecorders;

/**
 * Builds listeners from their configuration, all bound to the same address, sharing the same I/O
 * threads and reporting to the same recorders.
 */
public final class ListenerFactories {

	private final SocketsProperties sockets;

	private final EventLoops eventLoops;

	private final TrafficRecorders recorders;

	private final ObjectProvider<SslBundles> sslBundles;

	ListenerFactories(SocketsProperties sockets, EventLoops eventLoops, TrafficRecorders recorders,
			ObjectProvider<SslBundles> sslBundles) {
		this.sockets = sockets;
		this.eventLoops = eventLoops;
		this.recorders = recorders;
		this.sslBundles = sslBundles;
	}

	/**
	 * @param speaksText whether clients read text, so that rejections can be explained with an
	 * {@code ERR} line
	 */
	NettyServerConnectionFactory tcp(ListenerId id, TcpListenerProperties settings, boolean speaksText) {
		ListenerTls tls = settings.ssl().enabled()
				? new ListenerTls(id, this.sslBundles.getObject(), settings.ssl()) : null;
		return new NettyServerConnectionFactory(id, this.sockets.bindAddress(), settings, speaksText, this.eventLoops,
				this.recorders, tls);
	}

	DatagramListener udp(ListenerId id, UdpListenerProperties settings) {
		return new DatagramListener(id, this.sockets.bindAddress(), settings, this.recorders);
	}

}
