package dev.sockets.cluster;

import org.springframework.integration.handler.advice.AbstractRequestHandlerAdvice;
import org.springframework.messaging.Message;

/**
 * Counts each publication to Redis, and turns a failed one into a dropped event and a
 * link that is down, instead of an error for Spring Integration to log.
 */
final class PublishOutcomeAdvice extends AbstractRequestHandlerAdvice {

	private final ClusterTraffic traffic;

	private final ClusterLink link;

	PublishOutcomeAdvice(ClusterTraffic traffic, ClusterLink link) {
		this.traffic = traffic;
		this.link = link;
	}

	@Override
	protected Object doInvoke(ExecutionCallback callback, Object target, Message<?> message) {
		try {
			Object result = callback.execute();
			this.traffic.published();
			return result;
		}
		catch (RuntimeException ex) {
			this.traffic.dropped("failed");
			this.link.publishFailed(unwrapThrowableIfNecessary(ex));
			return null;
		}
	}

}
