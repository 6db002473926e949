package dev.sockets.flows;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.ip.dsl.Tcp;

import dev.sockets.echo.EchoService;
import dev.sockets.tcp.ConnectionEventProducer;
import dev.sockets.tcp.Lines;
import dev.sockets.tcp.NettyServerConnectionFactory;
import dev.sockets.udp.DatagramListener;
import dev.sockets.config.Framing;
import dev.sockets.config.SocketsProperties;
import dev.sockets.config.TcpListenerProperties;
import dev.sockets.listener.ListenerId;
import dev.sockets.listener.Protocol;

/**
 * The echo service on the network: an inbound gateway answers each line (or raw chunk) on its
 * connection; an outbound adapter on the same factory sends the greeting on connect; over UDP each
 * datagram goes back to its sender.
 */
@Configuration(proxyBeanMethods = false)
class EchoFlows {

	static final ListenerId TCP = new ListenerId("echo", Protocol.TCP);

	static final ListenerId UDP = new ListenerId("echo", Protocol.UDP);

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "sockets.echo.tcp.enabled", matchIfMissing = true)
	static class EchoTcp {

		@Bean
		NettyServerConnectionFactory echoTcpConnectionFactory(ListenerFactories listeners, SocketsProperties sockets) {
			TcpListenerProperties tcp = sockets.echo().tcp();
			return listeners.tcp(TCP, tcp, tcp.framing() != Framing.RAW);
		}

		@Bean
		IntegrationFlow echoTcpFlow(NettyServerConnectionFactory echoTcpConnectionFactory, SocketsProperties sockets,
				EchoService echo) {
			// Replies go out through the adapter, on the reading thread, to the connection named in
			// the request's headers: a gateway would copy every message's headers twice more for its
			// reply channel, which at thousands of short reads a second is most of the garbage.
			var flow = IntegrationFlow.from(Tcp.inboundAdapter(echoTcpConnectionFactory));
			var replies = (sockets.echo().tcp().framing() == Framing.RAW)
					? flow.handle(byte[].class, (data, headers) -> echo.reply(data))
					: flow.handle(Lines.class, (lines, headers) -> lines.map(echo::reply));
			return replies.handle(Tcp.outboundAdapter(echoTcpConnectionFactory)).get();
		}

		@Bean
		IntegrationFlow echoGreetingFlow(NettyServerConnectionFactory echoTcpConnectionFactory, EchoService echo) {
			return IntegrationFlow.from(ConnectionEventProducer.opened(echoTcpConnectionFactory))
				.handle(String.class, (connectionId, headers) -> echo.greeting().orElse(null))
				.handle(Tcp.outboundAdapter(echoTcpConnectionFactory))
				.get();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "sockets.echo.udp.enabled", matchIfMissing = true)
	static class EchoUdp {

		@Bean
		DatagramListener echoUdpListener(ListenerFactories listeners, SocketsProperties sockets) {
			return listeners.udp(UDP, sockets.echo().udp());
		}

		@Bean
		IntegrationFlow echoUdpFlow(DatagramListener echoUdpListener, EchoService echo) {
			return IntegrationFlow.from(echoUdpListener)
				.handle(byte[].class, (data, headers) -> echo.reply(data))
				.handle(echoUdpListener.replyToSender(), (endpoint) -> endpoint.advice(echoUdpListener.answerCounter()))
				.get();
		}

	}

}
