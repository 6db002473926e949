package dev.sockets.flows;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.ip.IpHeaders;
import org.springframework.integration.ip.dsl.Tcp;
import org.springframework.messaging.MessageChannel;

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
import dev.sockets.tcp.Push;

/**
 * The chat on the network. Every chat listener serves the same chat, in its dialect: line
 * users, or IRC clients, each with an {@link IrcDialect} of its own. Its lines come in
 * through an inbound adapter, its arrivals and departures from its connection events; the
 * chat answers each with deliveries, which all meet on one channel and are pushed by the
 * listener whose connections they are for.
 */
final class ChatFlows {

	private final ChatService chat;

	private final ListenerFactories factories;

	private final MessageChannel deliveries;

	private final Deliveries output;

	private final List<NettyServerConnectionFactory> listeners = new CopyOnWriteArrayList<>();

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
		this.listeners.add(listener);
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
	 * The flow every chat delivery takes: the deliveries the chat decided together (a
	 * line said to a room is one for each member) stay one message, which each listener
	 * writes to its connections: as a fan-out's messages, one per connection through an
	 * outbound adapter, they cost ten thousand messages for a line said in a room of ten
	 * thousand.
	 */
	IntegrationFlow deliveryFlow() {
		return IntegrationFlow.from(this.deliveries).handle(List.class, (deliveries, headers) -> {
			push(deliveries);
			return null;
		}).get();
	}

	private void push(List<?> deliveries) {
		int pushed = 0;
		for (NettyServerConnectionFactory listener : this.listeners) {
			List<Push> own = pushes(deliveries, listener);
			if (!own.isEmpty()) {
				listener.push(own);
				pushed += own.size();
			}
		}
		if (pushed < deliveries.size()) {
			throw new IllegalStateException("No chat listener has connection " + unowned(deliveries));
		}
	}

	private String unowned(List<?> deliveries) {
		return deliveries.stream()
			.map((item) -> ((Delivery) item).sessionId())
			.filter((session) -> this.listeners.stream().noneMatch((listener) -> listener.owns(session)))
			.findFirst()
			.orElse("?");
	}

	/**
	 * @return the deliveries for a listener's connections
	 */
	private static List<Push> pushes(List<?> deliveries, NettyServerConnectionFactory listener) {
		List<Push> pushes = new ArrayList<>(deliveries.size());
		for (Object item : deliveries) {
			Delivery delivery = (Delivery) item;
			if (listener.owns(delivery.sessionId())) {
				pushes.add(new Push(delivery.sessionId(), delivery.text(), delivery.closeAfter()));
			}
		}
		return pushes;
	}

}
