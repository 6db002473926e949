package dev.sockets.tcp;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.integration.ip.tcp.connection.TcpConnectionInterceptorSupport;
import org.springframework.messaging.Message;

import dev.sockets.listener.TrafficRecorder;

/**
 * A Spring Integration connection interceptor that tells the listener's {@link TrafficRecorder}
 * how many messages went in and out, and how long the flow took to handle what came in (for a
 * gateway, up to the reply being written).
 */
final class MeteringInterceptor extends TcpConnectionInterceptorSupport {

	private final TrafficRecorder recorder;

	MeteringInterceptor(ApplicationEventPublisher publisher, TrafficRecorder recorder) {
		super(publisher);
		this.recorder = recorder;
	}

	@Override
	public void onMessage(Message<?> message) {
		long start = System.nanoTime();
		try {
			super.onMessage(message);
		}
		finally {
			this.recorder.handled(count(message.getPayload()), System.nanoTime() - start);
		}
	}

	@Override
	public void send(Message<?> message) {
		super.send(message);
		this.recorder.sent(count(message.getPayload()));
	}

	private static int count(Object payload) {
		return (payload instanceof Lines lines) ? lines.size() : 1;
	}

}
