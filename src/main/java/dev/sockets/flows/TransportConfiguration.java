package dev.sockets.flows;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.support.IdGenerators;
import org.springframework.util.IdGenerator;

import dev.sockets.tcp.EventLoops;
import dev.sockets.tcp.NettyServerConnectionFactory;
import dev.sockets.udp.DatagramListener;
import dev.sockets.config.SocketsProperties;
import dev.sockets.listener.Listeners;
import dev.sockets.listener.ShutdownNotice;
import dev.sockets.listener.TrafficRecorders;

/**
 * What every listener shares: the I/O threads, and the registry that starts them accepting.
 */
@Configuration(proxyBeanMethods = false)
class TransportConfiguration {

	@Bean
	EventLoops eventLoops(SocketsProperties sockets) {
		return new EventLoops(sockets.ioThreads());
	}

	/**
	 * Message ids from a counter rather than random UUIDs: every line read costs several messages,
	 * and ids only need to be unique within the process.
	 */
	@Bean
	IdGenerator messageIdGenerator() {
		return new IdGenerators.SimpleIncrementingIdGenerator();
	}

	@Bean
	ListenerFactories listenerFactories(SocketsProperties sockets, EventLoops eventLoops,
			ObjectProvider<TrafficRecorders> recorders, ObjectProvider<SslBundles> sslBundles) {
		return new ListenerFactories(sockets, eventLoops, recorders.getIfAvailable(() -> TrafficRecorders.NONE),
				sslBundles);
	}

	@Bean
	Listeners listeners(SocketsProperties sockets, ObjectProvider<NettyServerConnectionFactory> tcp,
			ObjectProvider<DatagramListener> udp, ObjectProvider<ShutdownNotice> notices) {
		return new Listeners(sockets.bindAddress(), tcp.orderedStream().toList(), udp.orderedStream().toList(),
				notices.orderedStream().toList(), sockets.shutdownTimeout());
	}

}
