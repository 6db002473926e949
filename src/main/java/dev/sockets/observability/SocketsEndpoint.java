package dev.sockets.observability;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

import dev.sockets.chat.ChatService;
import dev.sockets.listener.Addresses;
import dev.sockets.listener.CloseReason;
import dev.sockets.listener.ConnectionInfo;
import dev.sockets.listener.Listener;
import dev.sockets.listener.ListenerBindException;
import dev.sockets.listener.ListenerState;
import dev.sockets.listener.ListenerStatus;
import dev.sockets.listener.Listeners;
import dev.sockets.listener.Service;

/**
 * {@code /actuator/sockets}: the listeners and the connections open on them;
 * {@code DELETE /actuator/sockets/{id}} closes one; {@code POST
 * /actuator/sockets/listeners/{name}} with {@code {"state": "paused"}} (or
 * {@code draining}, or {@code serving} to resume) and an optional {@code reason} pauses,
 * drains or resumes a listener. Read-only unless the operator sets
 * {@code management.endpoint.sockets.access=unrestricted}.
 */
@Endpoint(id = "sockets", defaultAccess = Access.READ_ONLY)
public class SocketsEndpoint {

	/** The one collection under the endpoint that has members by name. */
	private static final String LISTENERS = "listeners";

	private static final Log logger = LogFactory.getLog(SocketsEndpoint.class);

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
			listeners.add(view(listener));
			listener.connections().forEach((connection) -> connections.add(view(connection)));
		}
		return new Sockets(listeners, connections);
	}

	/**
	 * {@code GET /actuator/sockets/listeners/{name}}.
	 */
	@ReadOperation
	public WebEndpointResponse<ListenerView> listener(@Selector String collection, @Selector String name) {
		if (!LISTENERS.equals(collection)) {
			return new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND);
		}
		return this.listeners.named(name)
			.map((listener) -> new WebEndpointResponse<>(view(listener)))
			.orElseGet(() -> new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND));
	}

	/**
	 * {@code POST /actuator/sockets/listeners/{name}}: pauses a listener (new clients are
	 * refused, open connections go on), drains it (paused, and its connections closed
	 * after what they were sent; chat users are told to reconnect) or resumes it. Health
	 * and readiness say so until it is resumed.
	 * @param state {@code paused}, {@code draining} or {@code serving}
	 * @param reason why, for health and the log; optional
	 * @return the listener as it is now; 404 if there is no such listener, 400 for a
	 * state that cannot be asked for, 409 if the service is stopping or the port was
	 * taken meanwhile
	 */
	@WriteOperation
	public WebEndpointResponse<ListenerView> changeListener(@Selector String collection, @Selector String name,
			ListenerState state, @Nullable String reason) {
		if (!LISTENERS.equals(collection)) {
			return new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND);
		}
		if (state == ListenerState.STOPPED) {
			// Stopping is the lifecycle's: an operator pauses or drains.
			return new WebEndpointResponse<>(WebEndpointResponse.STATUS_BAD_REQUEST);
		}
		try {
			Optional<Listener> listener = switch (state) {
				case PAUSED -> this.listeners.pause(name, (reason != null) ? reason : "paused by operator");
				case DRAINING -> this.listeners.drain(name, (reason != null) ? reason : "drained by operator");
				default -> this.listeners.resume(name);
			};
			return listener.map((changed) -> new WebEndpointResponse<>(view(changed)))
				.orElseGet(() -> new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND));
		}
		catch (IllegalStateException | ListenerBindException ex) {
			logger.warn(name + ": cannot be " + state.tag() + ": " + ex.getMessage());
			return new WebEndpointResponse<>(view(this.listeners.named(name).orElseThrow()), 409);
		}
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

	private static ListenerView view(Listener listener) {
		ListenerStatus status = listener.status();
		return new ListenerView(listener.id().name(), listener.id().service().id(), listener.id().protocol().id(),
				listener.localAddress().getAddress().getHostAddress(), listener.localAddress().getPort(),
				status.state().tag(), status.reason(), status.since(), listener.openConnections());
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
	 * @param state {@code serving}, {@code paused}, {@code draining} or {@code stopped}
	 * @param reason why it does not serve; absent while it does
	 * @param since when an operator paused or drained it; absent otherwise
	 * @param activeConnections connections open now (0 for UDP)
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record ListenerView(String name, String service, String protocol, String address, int port, String state,
			String reason, Instant since, int activeConnections) {
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
