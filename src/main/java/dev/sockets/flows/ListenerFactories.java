package dev.sockets.flows;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ssl.SslBundles;

import dev.sockets.config.ListenerDefinition;
import dev.sockets.listener.TrafficRecorders;
import dev.sockets.tcp.Dialogue;
import dev.sockets.tcp.EventLoops;
import dev.sockets.tcp.ListenerTls;
import dev.sockets.tcp.NettyServerConnectionFactory;
import dev.sockets.udp.DatagramListener;

/**
 * Builds listeners from their definitions, all sharing the same I/O threads and reporting
 * to the same recorders.
 */
final class ListenerFactories {

	private final EventLoops eventLoops;

	private final TrafficRecorders recorders;

	private final ObjectProvider<SslBundles> sslBundles;

	ListenerFactories(EventLoops eventLoops, TrafficRecorders recorders, ObjectProvider<SslBundles> sslBundles) {
		this.eventLoops = eventLoops;
		this.recorders = recorders;
		this.sslBundles = sslBundles;
	}

	/**
	 * @param dialogue what the listener and its clients say to each other, which only the
	 * service knows
	 */
	NettyServerConnectionFactory tcp(ListenerDefinition.Tcp definition, Dialogue dialogue) {
		ListenerTls tls = definition.settings().ssl().enabled()
				? new ListenerTls(definition.id(), this.sslBundles.getObject(), definition.settings().ssl()) : null;
		return new NettyServerConnectionFactory(definition, dialogue, this.eventLoops, this.recorders, tls);
	}

	DatagramListener udp(ListenerDefinition.Udp definition) {
		return DatagramListener.create(definition, this.recorders, this.eventLoops.workers());
	}

}
