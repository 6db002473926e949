package dev.sockets.observability;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

import dev.sockets.chat.ChatService;
import dev.sockets.listener.Listener;
import dev.sockets.listener.Listeners;
import dev.sockets.listener.CloseReason;
import dev.sockets.listener.ConnectionInfo;
import dev.sockets.tcp.NettyServerConnectionFactory;

/**
 * {@code /actuator/sockets}: the listeners and the connections open on them; {@code DELETE
 * /actuator/sockets/{id}} closes one. Read-only unless the operator sets
 * {@code management.endpoint.sockets.access=unrestricted}.
 */
@Endpoint(id = "sockets", defaultAccess = Access.READ_ONLY)
public class SocketsEndpoint {

	private final Listeners listeners;

	private final ChatService chat;

	SocketsEndpoint(Listeners listeners, ChatService chat) {
		this.listeners = listeners;
		this.chat = chat;
	}

	@ReadOperation
	public Sockets sockets() {
		List<ListenerView> listeners = new ArrayList<>();
		for (Listener listener : this.listeners.all()) {
			listeners.add(new ListenerView(listener.listenerId().service(), listener.listenerId().protocol().id(),
					listener.localAddress().getAddress().getHostAddress(), listener.localAddress().getPort(),
					listener.isServing() ? "serving" : "stopped", listener.openConnections()));
		}
		List<ConnectionView> connections = new ArrayList<>();
		for (NettyServerConnectionFactory factory : this.listeners.tcp()) {
			factory.connections().forEach((connection) -> connections.add(view(connection)));
		}
		return new Sockets(listeners, connections);
	}

	@ReadOperation
	public WebEndpointResponse<ConnectionView> connection(@Selector String id) {
		return find(id).map((connection) -> new WebEndpointResponse<>(view(connection)))
			.orElseGet(() -> new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND));
	}

	/**
	 * Closes a connection; the client sees the connection end after what it was already sent.
	 */
	@DeleteOperation
	public WebEndpointResponse<Void> close(@Selector String id) {
		for (NettyServerConnectionFactory factory : this.listeners.tcp()) {
			if (factory.close(id, CloseReason.OPERATOR)) {
				return new WebEndpointResponse<>(WebEndpointResponse.STATUS_NO_CONTENT);
			}
		}
		return new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND);
	}

	private Optional<ConnectionInfo> find(String id) {
		return this.listeners.tcp()
			.stream()
			.flatMap((factory) -> factory.connections().stream())
			.filter((connection) -> connection.id().equals(id))
			.findFirst();
	}

	private ConnectionView view(ConnectionInfo connection) {
		Optional<ChatService.Presence> presence = "chat".equals(connection.listener().service())
				? this.chat.presence(connection.id()) : Optional.empty();
		return new ConnectionView(connection.id(), connection.listener().service(),
				connection.listener().protocol().id(),
				connection.remoteAddress().getAddress().getHostAddress() + ":" + connection.remoteAddress().getPort(),
				connection.openedAt(), connection.bytesIn(), connection.bytesOut(), connection.lastActivity(),
				presence.map(ChatService.Presence::nickname).orElse(null),
				presence.map(ChatService.Presence::room).orElse(null));
	}

	/**
	 * Everything the endpoint shows.
	 *
	 * @param listeners every listener
	 * @param connections every open TCP connection
	 */
	public record Sockets(List<ListenerView> listeners, List<ConnectionView> connections) {
	}

	/**
	 * A listener.
	 *
	 * @param service the service
	 * @param protocol {@code tcp} or {@code udp}
	 * @param address the address it is bound to
	 * @param port its port
	 * @param state {@code serving} or {@code stopped}
	 * @param activeConnections connections open now (0 for UDP)
	 */
	public record ListenerView(String service, String protocol, String address, int port, String state,
			int activeConnections) {
	}

	/**
	 * An open connection.
	 *
	 * @param id the id to close it by
	 * @param service the service
	 * @param protocol {@code tcp}
	 * @param remoteAddress the client's address and port
	 * @param openedAt when it was accepted
	 * @param bytesIn bytes received from the client
	 * @param bytesOut bytes sent to it
	 * @param lastActivity when bytes last went either way
	 * @param nickname the chat nickname, for chat connections
	 * @param room the chat room, for chat connections
	 */
	public record ConnectionView(String id, String service, String protocol, String remoteAddress, Instant openedAt,
			long bytesIn, long bytesOut, Instant lastActivity, String nickname, String room) {
	}

}
