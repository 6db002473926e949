package dev.sockets.flows;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.integration.handler.advice.AbstractRequestHandlerAdvice;
import org.springframework.integration.ip.IpHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHandlingException;

import dev.sockets.listener.DeliveryDrop;
import dev.sockets.tcp.NettyServerConnectionFactory;

/**
 * Lets a fan-out go on when one recipient left between the moment its delivery was
 * decided and the moment it was written: that delivery is dropped, and the others still
 * go out.
 */
class DepartedRecipientAdvice extends AbstractRequestHandlerAdvice {

	private static final Log logger = LogFactory.getLog(DepartedRecipientAdvice.class);

	private final NettyServerConnectionFactory factory;

	DepartedRecipientAdvice(NettyServerConnectionFactory factory) {
		this.factory = factory;
	}

	@Override
	protected Object doInvoke(ExecutionCallback callback, Object target, Message<?> message) {
		try {
			return callback.execute();
		}
		catch (RuntimeException ex) {
			// The callback wraps what the handler threw; the handler's own exception says
			// what happened.
			Exception cause = unwrapExceptionIfNecessary(ex);
			String connectionId = message.getHeaders().get(IpHeaders.CONNECTION_ID, String.class);
			if (!(cause instanceof MessageHandlingException) || connectionId == null
					|| this.factory.isOpen(connectionId)) {
				throw ex;
			}
			logger.debug("Dropped a delivery to " + connectionId + ", which has disconnected");
			this.factory.recorder().dropped(DeliveryDrop.DEPARTED);
			return null;
		}
	}

}
