package dev.sockets.tcp;

import java.util.Map;

import org.springframework.integration.endpoint.MessageProducerSupport;
import org.springframework.integration.ip.IpHeaders;
import org.springframework.messaging.support.GenericMessage;

import dev.sockets.listener.CloseReason;
import dev.sockets.listener.Peer;

/**
 * Starts a flow from the connections of one listener opening or closing, so a service can
 * speak first (time, greetings) or react to a client leaving (chat). The listener hands
 * it its own connections' events, and no one else's. The message payload is the
 * connection id, also set as the {@code ip_connectionId} header for replies; open events
 * carry {@link ConnectionHeaders#PEER}, close events
 * {@link ConnectionHeaders#CLOSE_REASON}.
 */
public final class ConnectionEventProducer extends MessageProducerSupport {

	private final boolean opened;

	private ConnectionEventProducer(boolean opened) {
		this.opened = opened;
	}

	/**
	 * @return a producer of the connections the listener accepts
	 */
	public static ConnectionEventProducer opened(NettyServerConnectionFactory listener) {
		ConnectionEventProducer producer = new ConnectionEventProducer(true);
		listener.addEventProducer(producer);
		return producer;
	}

	/**
	 * @return a producer of the listener's connections ending
	 */
	public static ConnectionEventProducer closed(NettyServerConnectionFactory listener) {
		ConnectionEventProducer producer = new ConnectionEventProducer(false);
		listener.addEventProducer(producer);
		return producer;
	}

	void connectionOpened(String connectionId, Peer peer) {
		if (this.opened && isRunning()) {
			sendMessage(new GenericMessage<>(connectionId,
					Map.of(IpHeaders.CONNECTION_ID, connectionId, ConnectionHeaders.PEER, peer)));
		}
	}

	void connectionClosed(String connectionId, CloseReason reason) {
		if (!this.opened && isRunning()) {
			sendMessage(new GenericMessage<>(connectionId,
					Map.of(IpHeaders.CONNECTION_ID, connectionId, ConnectionHeaders.CLOSE_REASON, reason)));
		}
	}

	@Override
	public String getComponentType() {
		return "tcp-connection-event-producer";
	}

}
