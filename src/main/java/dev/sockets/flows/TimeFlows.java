package dev.sockets.flows;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.ip.dsl.Tcp;

import dev.sockets.time.TimeProperties;
import dev.sockets.time.TimeService;
import dev.sockets.tcp.ConnectionEventProducer;
import dev.sockets.tcp.NettyServerConnectionFactory;
import dev.sockets.udp.DatagramListener;
import dev.sockets.config.SocketsProperties;
import dev.sockets.listener.ListenerId;
import dev.sockets.listener.Protocol;

/**
 * The time service on the network: over TCP the time is written on connect and the connection
 * closed (the factory is single-use); over UDP any datagram, even an empty one, is answered.
 */
@Configuration(proxyBeanMethods = false)
class TimeFlows {

	static final ListenerId TCP = new ListenerId("time", Protocol.TCP);

	static final ListenerId UDP = new ListenerId("time", Protocol.UDP);

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "sockets.time.tcp.enabled", matchIfMissing = true)
	static class TimeTcp {

		@Bean
		NettyServerConnectionFactory timeTcpConnectionFactory(ListenerFactories listeners, SocketsProperties sockets,
				TimeProperties time) {
			NettyServerConnectionFactory factory = listeners.tcp(TCP, sockets.time().tcp(), time.format().isText());
			factory.setSingleUse(true);
			return factory;
		}

		@Bean
		IntegrationFlow timeTcpFlow(NettyServerConnectionFactory timeTcpConnectionFactory, TimeService time) {
			return IntegrationFlow.from(ConnectionEventProducer.opened(timeTcpConnectionFactory))
				.transform((String connectionId) -> time.now())
				.handle(Tcp.outboundAdapter(timeTcpConnectionFactory))
				.get();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "sockets.time.udp.enabled", matchIfMissing = true)
	static class TimeUdp {

		@Bean
		DatagramListener timeUdpListener(ListenerFactories listeners, SocketsProperties sockets) {
			return listeners.udp(UDP, sockets.time().udp());
		}

		@Bean
		IntegrationFlow timeUdpFlow(DatagramListener timeUdpListener, TimeService time) {
			return IntegrationFlow.from(timeUdpListener)
				.transform((byte[] request) -> time.now())
				.handle(timeUdpListener.replyToSender(), (endpoint) -> endpoint.advice(timeUdpListener.answerCounter()))
				.get();
		}

	}

}
