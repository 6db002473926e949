package dev.sockets.observability;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

import dev.sockets.chat.ChatService;
import dev.sockets.listener.Addresses;
import dev.sockets.listener.CloseReason;
import dev.sockets.listener.ConnectionInfo;
import dev.sockets.listener.Listener;
import dev.sockets.listener.Listeners;
import dev.sockets.listener.Service;

/**
 * {@code /actuator/sockets}: the listeners and the connections open on them;
 * {@code DELETE /actuator/sockets/{id}} closes one. Read-only unless the operator sets
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
		List<ConnectionView> connections = new ArrayList<>();
		for (Listener listener : this.listeners.all()) {
			listeners
				.add(new ListenerView(listener.id().name(), listener.id().service().id(), listener.id().protocol().id(),
						listener.localAddress().getAddress().getHostAddress(), listener.localAddress().getPort(),
						listener.isServing() ? "serving" : "stopped", listener.openConnections()));
			listener.connections().forEach((connection) -> connections.add(view(connection)));
		}
		return new Sockets(listeners, connections);
	}

	@ReadOperation
	public WebEndpointResponse<ConnectionView> connection(@Selector String id) {
		return this.listeners.connection(id)
			.map((connection) -> new WebEndpointResponse<>(view(connection)))
			.orElseGet(() -> new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND));
	}

	/**
	 * Closes a connection; the client sees the connection end after what it was already
	 * sent.
	 */
	@DeleteOperation
	public WebEndpointResponse<Void> close(@Selector String id) {
		return new WebEndpointResponse<>(this.listeners.close(id, CloseReason.OPERATOR)
				? WebEndpointResponse.STATUS_NO_CONTENT : WebEndpointResponse.STATUS_NOT_FOUND);
	}

	private ConnectionView view(ConnectionInfo connection) {
		Optional<ChatService.Presence> presence = (connection.listener().service() == Service.CHAT)
				? this.chat.presence(connection.id()) : Optional.empty();
		return new ConnectionView(connection.id(), connection.listener().name(), connection.listener().service().id(),
				connection.listener().protocol().id(), connection.remote(),
				(connection.proxyAddress() != null) ? Addresses.display(connection.proxyAddress()) : null,
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
	 * @param name its name, e.g. {@code echo-tcp} or {@code chat-tls}
	 * @param service the service
	 * @param protocol {@code tcp} or {@code udp}
	 * @param address the address it is bound to
	 * @param port its port
	 * @param state {@code serving} or {@code stopped}
	 * @param activeConnections connections open now (0 for UDP)
	 */
	public record ListenerView(String name, String service, String protocol, String address, int port, String state,
			int activeConnections) {
	}

	/**
	 * An open connection.
	 *
	 * @param id the id to close it by
	 * @param listener the listener that accepted it
	 * @param service the service
	 * @param protocol {@code tcp}
	 * @param remoteAddress the client's address and port (behind a proxy, the one its
	 * PROXY protocol header carried)
	 * @param proxyAddress the proxy's address and port when the connection came through
	 * one that sent a PROXY protocol header; null otherwise
	 * @param openedAt when it was accepted
	 * @param bytesIn bytes received from the client
	 * @param bytesOut bytes sent to it
	 * @param lastActivity when bytes last went either way
	 * @param nickname the chat nickname, for chat connections
	 * @param room the chat room, for chat connections
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record ConnectionView(String id, String listener, String service, String protocol, String remoteAddress,
			String proxyAddress, Instant openedAt, long bytesIn, long bytesOut, Instant lastActivity, String nickname,
			String room) {
	}

}
