package dev.sockets.tcp;

import java.util.HashMap;
import java.util.Map;

import org.springframework.context.ApplicationListener;
import org.springframework.integration.endpoint.MessageProducerSupport;
import org.springframework.integration.ip.IpHeaders;
import org.springframework.integration.ip.tcp.connection.TcpConnection;
import org.springframework.integration.ip.tcp.connection.TcpConnectionCloseEvent;
import org.springframework.integration.ip.tcp.connection.TcpConnectionEvent;
import org.springframework.integration.ip.tcp.connection.TcpConnectionOpenEvent;
import org.springframework.messaging.support.GenericMessage;
import dev.sockets.listener.CloseReason;


/**
 * Starts a flow from the connections of one listener opening or closing, so a service can speak
 * first (time, greetings) or react to a client leaving (chat). The message payload is the
 * connection id, also set as the {@code ip_connectionId} header for replies; close events carry
 * {@link ConnectionHeaders#CLOSE_REASON}.
 */
public final class ConnectionEventProducer extends MessageProducerSupport
		implements ApplicationListener<TcpConnectionEvent> {

	private final NettyServerConnectionFactory factory;

	private final Class<? extends TcpConnectionEvent> eventType;

	private ConnectionEventProducer(NettyServerConnectionFactory factory,
			Class<? extends TcpConnectionEvent> eventType) {
		this.factory = factory;
		this.eventType = eventType;
	}

	/**
	 * @return a producer of the connections the factory accepts
	 */
	public static ConnectionEventProducer opened(NettyServerConnectionFactory factory) {
		return new ConnectionEventProducer(factory, TcpConnectionOpenEvent.class);
	}

	/**
	 * @return a producer of the factory's connections ending
	 */
	public static ConnectionEventProducer closed(NettyServerConnectionFactory factory) {
		return new ConnectionEventProducer(factory, TcpConnectionCloseEvent.class);
	}

	@Override
	public void onApplicationEvent(TcpConnectionEvent event) {
		if (!this.eventType.isInstance(event) || !isRunning()
				|| !this.factory.getComponentName().equals(event.getConnectionFactoryName())) {
			return;
		}
		Map<String, Object> headers = new HashMap<>();
		headers.put(IpHeaders.CONNECTION_ID, event.getConnectionId());
		if (event instanceof TcpConnectionCloseEvent) {
			NettyTcpConnection connection = NettyTcpConnection.unwrap((TcpConnection) event.getSource());
			CloseReason reason = (connection != null) ? connection.closeReason() : CloseReason.CLIENT_CLOSED;
			headers.put(ConnectionHeaders.CLOSE_REASON, reason.description());
		}
		sendMessage(new GenericMessage<>(event.getConnectionId(), headers));
	}

	@Override
	public String getComponentType() {
		return "tcp-connection-event-producer";
	}

}
