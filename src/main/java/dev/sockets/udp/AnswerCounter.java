package dev.sockets.udp;

import java.util.function.Supplier;

import org.springframework.integration.handler.advice.AbstractRequestHandlerAdvice;
import org.springframework.messaging.Message;

import dev.sockets.listener.TrafficRecorder;

/**
 * Advice for the endpoint that sends a listener's answers: counts each answer sent.
 */
final class AnswerCounter extends AbstractRequestHandlerAdvice {

	private final Supplier<TrafficRecorder> recorder;

	/**
	 * @param recorder the listener's recorder, which it gets only once it is initialized
	 */
	AnswerCounter(Supplier<TrafficRecorder> recorder) {
		this.recorder = recorder;
	}

	@Override
	protected Object doInvoke(ExecutionCallback callback, Object target, Message<?> message) {
		Object result = callback.execute();
		this.recorder.get().datagramAnswered((message.getPayload() instanceof byte[] bytes) ? bytes.length : 0);
		return result;
	}

}
