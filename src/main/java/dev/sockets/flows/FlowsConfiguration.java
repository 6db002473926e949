package dev.sockets.flows;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.dsl.context.IntegrationFlowContext;
import org.springframework.integration.support.IdGenerators;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.support.GenericMessage;
import org.springframework.util.IdGenerator;

import dev.sockets.chat.ChatProperties;
import dev.sockets.chat.ChatService;
import dev.sockets.chat.Deliveries;
import dev.sockets.config.ListenerDefinitions;
import dev.sockets.config.SocketsProperties;
import dev.sockets.echo.EchoService;
import dev.sockets.listener.ConnectionInfo;
import dev.sockets.listener.DrainNotice;
import dev.sockets.listener.Listeners;
import dev.sockets.listener.Service;
import dev.sockets.listener.ServingCondition;
import dev.sockets.listener.ShutdownNotice;
import dev.sockets.listener.TrafficRecorders;
import dev.sockets.tcp.EventLoopMeters;
import dev.sockets.tcp.EventLoops;
import dev.sockets.time.TimeProperties;
import dev.sockets.time.TimeService;

/**
 * The services on the network: a transport for every configured listener, the flows
 * between each and its service, and the registry that starts them serving.
 */
@Configuration(proxyBeanMethods = false)
class FlowsConfiguration {

	private static final String CHAT_DELIVERIES = "chatDeliveries";

	@Bean
	EventLoops eventLoops(SocketsProperties sockets) {
		return new EventLoops(sockets.ioThreads());
	}

	@Bean
	EventLoopMeters eventLoopMeters(EventLoops eventLoops) {
		return new EventLoopMeters(eventLoops);
	}

	/**
	 * Message ids from a counter rather than random UUIDs: every line read costs several
	 * messages, and ids only need to be unique within the process.
	 */
	@Bean
	IdGenerator messageIdGenerator() {
		return new IdGenerators.SimpleIncrementingIdGenerator();
	}

	/**
	 * Where every chat answer goes: lines, arrivals, departures, other instances' events
	 * and the shutdown notice all end here.
	 */
	@Bean(CHAT_DELIVERIES)
	MessageChannel chatDeliveries() {
		return new DirectChannel();
	}

	@Bean
	Deliveries chatOutput(@Qualifier(CHAT_DELIVERIES) MessageChannel deliveries) {
		return (lines) -> {
			if (!lines.isEmpty()) {
				deliveries.send(new GenericMessage<>(lines));
			}
		};
	}

	@Bean
	ChatFlows chatFlows(ChatService chat, ChatProperties chatProperties, ListenerFactories factories,
			@Qualifier(CHAT_DELIVERIES) MessageChannel deliveries, Deliveries chatOutput) {
		return new ChatFlows(chat, chatProperties, factories, deliveries, chatOutput);
	}

	@Bean
	IntegrationFlow chatDeliveryFlow(ChatFlows chat) {
		return chat.deliveryFlow();
	}

	/**
	 * On shutdown, every chat user hears it before the connection closes.
	 */
	@Bean
	ShutdownNotice chatShutdownNotice(ChatService chat, Deliveries chatOutput) {
		return () -> chat.closeAll(chatOutput);
	}

	/**
	 * When a chat listener drains, its users hear it before their connections close, and
	 * their rooms hear they left.
	 */
	@Bean
	DrainNotice chatDrainNotice(ChatService chat, Deliveries chatOutput) {
		return (listener) -> {
			if (listener.id().service() == Service.CHAT) {
				chat.drain(listener.connections().stream().map(ConnectionInfo::id).toList(), chatOutput);
			}
		};
	}

	@Bean
	ListenerFactories listenerFactories(EventLoops eventLoops, ObjectProvider<TrafficRecorders> recorders,
			ObjectProvider<SslBundles> sslBundles) {
		return new ListenerFactories(eventLoops, recorders.getIfAvailable(() -> TrafficRecorders.NONE), sslBundles);
	}

	@Bean
	ListenerFlows listenerFlows(ListenerDefinitions definitions, ConfigurableListableBeanFactory beans,
			IntegrationFlowContext flowContext, ListenerFactories factories, TimeService time,
			TimeProperties timeProperties, EchoService echo, ChatFlows chat) {
		return new ListenerFlows(definitions, new FlowRegistry(beans, flowContext),
				new TimeFlows(time, timeProperties, factories), new EchoFlows(echo, factories), chat);
	}

	@Bean
	Listeners listeners(ListenerFlows flows, SocketsProperties sockets, ObjectProvider<ShutdownNotice> notices,
			ObjectProvider<DrainNotice> drainNotices, ObjectProvider<ServingCondition> conditions) {
		return new Listeners(flows.listeners(), notices.orderedStream().toList(), drainNotices.orderedStream().toList(),
				conditions.orderedStream().toList(), sockets.shutdownTimeout());
	}

}
