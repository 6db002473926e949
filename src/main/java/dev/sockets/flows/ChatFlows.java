package dev.sockets.flows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.ip.IpHeaders;
import org.springframework.integration.ip.dsl.Tcp;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.support.GenericMessage;

import dev.sockets.chat.ChatService;
import dev.sockets.chat.Delivery;
import dev.sockets.tcp.ConnectionEventProducer;
import dev.sockets.tcp.Lines;
import dev.sockets.tcp.NettyServerConnectionFactory;
import dev.sockets.config.SocketsProperties;
import dev.sockets.listener.ListenerId;
import dev.sockets.listener.Protocol;
import dev.sockets.listener.ShutdownNotice;
import dev.sockets.tcp.ConnectionHeaders;

/**
 * The chat on the network. Lines come in through an inbound adapter; arrivals and departures come
 * from connection events; the chat answers each with deliveries, which go out one by one through
 * an outbound adapter on the same factory, addressed by connection id.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "sockets.chat.tcp.enabled", matchIfMissing = true)
class ChatFlows {

	static final ListenerId TCP = new ListenerId("chat", Protocol.TCP);

	private static final String DELIVERIES = "chatDeliveries";

	@Bean
	NettyServerConnectionFactory chatTcpConnectionFactory(ListenerFactories listeners, SocketsProperties sockets) {
		return listeners.tcp(TCP, sockets.chat().tcp(), true);
	}

	/**
	 * Where every chat answer goes: lines, arrivals, departures and the shutdown notice all end here.
	 */
	@Bean(DELIVERIES)
	MessageChannel chatDeliveries() {
		return new DirectChannel();
	}

	@Bean
	IntegrationFlow chatLinesFlow(NettyServerConnectionFactory chatTcpConnectionFactory, ChatService chat) {
		return IntegrationFlow.from(Tcp.inboundAdapter(chatTcpConnectionFactory))
			.handle(Lines.class, (lines, headers) -> receive(chat, headers.get(IpHeaders.CONNECTION_ID, String.class), lines))
			.channel(DELIVERIES)
			.get();
	}

	@Bean
	IntegrationFlow chatArrivalsFlow(NettyServerConnectionFactory chatTcpConnectionFactory, ChatService chat) {
		return IntegrationFlow.from(ConnectionEventProducer.opened(chatTcpConnectionFactory))
			.handle(String.class, (connectionId, headers) -> chat.connect(connectionId))
			.channel(DELIVERIES)
			.get();
	}

	@Bean
	IntegrationFlow chatDeparturesFlow(NettyServerConnectionFactory chatTcpConnectionFactory, ChatService chat) {
		return IntegrationFlow.from(ConnectionEventProducer.closed(chatTcpConnectionFactory))
			.handle(String.class, (connectionId, headers) -> chat.disconnect(connectionId,
					headers.get(ConnectionHeaders.CLOSE_REASON, String.class)))
			.channel(DELIVERIES)
			.get();
	}

	@Bean
	IntegrationFlow chatDeliveryFlow(NettyServerConnectionFactory chatTcpConnectionFactory) {
		// Deliveries become messages addressed by connection id before the split, which passes messages
		// on as they are; no sequence headers, as nothing downstream reassembles a fan-out.
		return IntegrationFlow.from(DELIVERIES)
			.transform(List.class, ChatFlows::toMessages)
			.splitWith((splitter) -> splitter.applySequence(false))
			.handle(Tcp.outboundAdapter(chatTcpConnectionFactory),
					(endpoint) -> endpoint.advice(new DepartedRecipientAdvice(chatTcpConnectionFactory)))
			.get();
	}

	/**
	 * On shutdown, every chat user hears it before the connection closes.
	 */
	@Bean
	ShutdownNotice chatShutdownNotice(ChatService chat, @Qualifier(DELIVERIES) MessageChannel deliveries) {
		return () -> deliveries.send(new GenericMessage<>(chat.closeAll()));
	}

	private static List<Delivery> receive(ChatService chat, String connectionId, Lines lines) {
		List<Delivery> deliveries = new ArrayList<>();
		for (String line : lines.lines()) {
			deliveries.addAll(chat.receive(connectionId, line));
		}
		return deliveries;
	}

	private static List<Message<String>> toMessages(List<?> deliveries) {
		List<Message<String>> messages = new ArrayList<>(deliveries.size());
		for (Object item : deliveries) {
			Delivery delivery = (Delivery) item;
			Map<String, Object> headers = delivery.closeAfter()
					? Map.of(IpHeaders.CONNECTION_ID, delivery.sessionId(), ConnectionHeaders.CLOSE_AFTER_SEND, true)
					: Map.of(IpHeaders.CONNECTION_ID, delivery.sessionId());
			messages.add(new GenericMessage<>(delivery.text(), headers));
		}
		return messages;
	}

}
