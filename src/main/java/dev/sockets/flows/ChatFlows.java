package dev.sockets.flows;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.ip.IpHeaders;
import org.springframework.integration.ip.dsl.Tcp;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.support.GenericMessage;

import dev.sockets.chat.ChatProperties;
import dev.sockets.chat.ChatService;
import dev.sockets.chat.Deliveries;
import dev.sockets.chat.Delivery;
import dev.sockets.chat.irc.IrcDialect;
import dev.sockets.chat.irc.IrcServer;
import dev.sockets.config.ChatDialect;
import dev.sockets.config.ListenerDefinition;
import dev.sockets.listener.CloseReason;
import dev.sockets.listener.Listener;
import dev.sockets.listener.Peer;
import dev.sockets.tcp.ConnectionEventProducer;
import dev.sockets.tcp.ConnectionHeaders;
import dev.sockets.tcp.Dialogue;
import dev.sockets.tcp.LineTooLong;
import dev.sockets.tcp.Lines;
import dev.sockets.tcp.NettyServerConnectionFactory;

/**
 * The chat on the network. Every chat listener serves the same chat, in its dialect: line
 * users, or IRC clients, each with an {@link IrcDialect} of its own. Its lines come in
 * through an inbound adapter, its arrivals and departures from its connection events; the
 * chat answers each with deliveries, which all meet on one channel and go out, one by
 * one, through the outbound adapter of the listener whose connection each is for.
 */
final class ChatFlows {

	private final ChatService chat;

	private final ListenerFactories factories;

	private final MessageChannel deliveries;

	private final Deliveries output;

	private final List<Output> outputs = new CopyOnWriteArrayList<>();

	private final ChatProperties properties;

	private final Instant started = Instant.now();

	ChatFlows(ChatService chat, ChatProperties properties, ListenerFactories factories, MessageChannel deliveries,
			Deliveries output) {
		this.chat = chat;
		this.properties = properties;
		this.factories = factories;
		this.deliveries = deliveries;
		this.output = output;
	}

	Listener tcp(ListenerDefinition.Tcp definition, FlowRegistry registry) {
		IrcServer irc = (definition.settings().dialect() == ChatDialect.IRC) ? ircServer(definition) : null;
		NettyServerConnectionFactory listener = registry.transport(definition.id(),
				this.factories.tcp(definition, (irc != null) ? Dialogue.IRC : Dialogue.LINES));
		// The chat hands its answers to the deliveries itself, in the order it decided
		// them: these flows end where the chat takes over.
		registry.flow(definition.id(), "lines",
				IntegrationFlow.from(Tcp.inboundAdapter(listener)).handle(Object.class, (input, headers) -> {
					String connectionId = headers.get(IpHeaders.CONNECTION_ID, String.class);
					if (input instanceof Lines lines) {
						lines.lines().forEach((line) -> this.chat.receive(connectionId, line, this.output));
					}
					else if (input instanceof LineTooLong tooLong) {
						this.chat.tooLong(connectionId, tooLong.maxBytes(), this.output);
					}
					return null;
				}).get());
		registry.flow(definition.id(), "arrivals", IntegrationFlow.from(ConnectionEventProducer.opened(listener))
			.handle(String.class, (connectionId, headers) -> {
				Peer peer = headers.get(ConnectionHeaders.PEER, Peer.class);
				dev.sockets.chat.Peer chatPeer = (peer != null)
						? new dev.sockets.chat.Peer(peer.ipAddress(), peer.certificateSubject())
						: dev.sockets.chat.Peer.UNKNOWN;
				if (irc != null) {
					this.chat.connect(connectionId, new IrcDialect(irc), chatPeer, this.output);
				}
				else {
					this.chat.connect(connectionId, chatPeer, this.output);
				}
				return null;
			})
			.get());
		registry.flow(definition.id(), "departures", IntegrationFlow.from(ConnectionEventProducer.closed(listener))
			.handle(String.class, (connectionId, headers) -> {
				CloseReason reason = headers.get(ConnectionHeaders.CLOSE_REASON, CloseReason.class);
				this.chat.disconnect(connectionId, reason.description(), this.output);
				return null;
			})
			.get());
		DirectChannel output = new DirectChannel();
		registry.flow(definition.id(), "output",
				IntegrationFlow.from(output)
					.handle(Tcp.outboundAdapter(listener),
							(endpoint) -> endpoint.advice(new DepartedRecipientAdvice(listener)))
					.get());
		this.outputs.add(new Output(listener, output));
		return listener;
	}

	/**
	 * @return what an IRC listener says of itself
	 */
	private IrcServer ircServer(ListenerDefinition.Tcp definition) {
		String version = ChatFlows.class.getPackage().getImplementationVersion();
		return new IrcServer(this.properties.serverName(), this.properties.network(),
				"sockets-" + ((version != null) ? version : "dev"), this.started, this.properties.greeting(),
				definition.settings().password(), this.properties.maxNicknameLength(),
				this.properties.maxRoomNameLength() + 1);
	}

	/**
	 * The flow every chat delivery takes: each becomes a message addressed by connection
	 * id, and goes to the listener that has the connection. No sequence headers: nothing
	 * downstream reassembles a fan-out.
	 */
	IntegrationFlow deliveryFlow() {
		return IntegrationFlow.from(this.deliveries)
			.transform(List.class, ChatFlows::toMessages)
			.splitWith((splitter) -> splitter.applySequence(false))
			.route(Message.class, this::outputFor)
			.get();
	}

	private MessageChannel outputFor(Message<?> message) {
		String connectionId = message.getHeaders().get(IpHeaders.CONNECTION_ID, String.class);
		for (Output output : this.outputs) {
			if (output.listener().owns(connectionId)) {
				return output.channel();
			}
		}
		throw new IllegalStateException("No chat listener has connection " + connectionId);
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

	/**
	 * Where the deliveries for one listener's connections go.
	 */
	private record Output(NettyServerConnectionFactory listener, MessageChannel channel) {
	}

}
