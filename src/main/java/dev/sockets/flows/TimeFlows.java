package dev.sockets.flows;

import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.ip.dsl.Tcp;

import dev.sockets.config.ListenerDefinition;
import dev.sockets.listener.Listener;
import dev.sockets.tcp.ConnectionEventProducer;
import dev.sockets.tcp.Dialogue;
import dev.sockets.tcp.NettyServerConnectionFactory;
import dev.sockets.time.TimeFormat;
import dev.sockets.time.TimeProperties;
import dev.sockets.time.TimeService;
import dev.sockets.udp.DatagramListener;

/**
 * The time service on the network: over TCP the time is written on connect and the
 * connection closed (the factory is single-use); over UDP any datagram, even an empty
 * one, is answered. Each listener writes the time in its own format, or the service's.
 */
final class TimeFlows {

	private final TimeService time;

	private final TimeProperties properties;

	private final ListenerFactories factories;

	TimeFlows(TimeService time, TimeProperties properties, ListenerFactories factories) {
		this.time = time;
		this.properties = properties;
		this.factories = factories;
	}

	Listener tcp(ListenerDefinition.Tcp definition, FlowRegistry registry) {
		TimeFormat format = format(definition.settings().timeFormat());
		NettyServerConnectionFactory listener = registry.transport(definition.id(),
				this.factories.tcp(definition, format.isText() ? Dialogue.TEXT : Dialogue.BYTES));
		listener.setSingleUse(true);
		registry.flow(definition.id(), "time",
				IntegrationFlow.from(ConnectionEventProducer.opened(listener))
					.transform((String connectionId) -> this.time.now(format))
					.handle(Tcp.outboundAdapter(listener))
					.get());
		return listener;
	}

	Listener udp(ListenerDefinition.Udp definition, FlowRegistry registry) {
		TimeFormat format = format(definition.settings().timeFormat());
		DatagramListener listener = registry.transport(definition.id(), this.factories.udp(definition));
		registry.flow(definition.id(), "time",
				IntegrationFlow.from(listener.producer())
					.transform((byte[] request) -> this.time.now(format))
					.handle(listener.replyToSender(), (endpoint) -> endpoint.advice(listener.answerCounter()))
					.get());
		return listener;
	}

	private TimeFormat format(TimeFormat own) {
		return (own != null) ? own : this.properties.format();
	}

}
