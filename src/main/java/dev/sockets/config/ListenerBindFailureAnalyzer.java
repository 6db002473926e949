package dev.sockets.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import dev.sockets.listener.ListenerBindException;
import dev.sockets.listener.ListenerId;

/**
 * Turns a port that cannot be bound into a startup message naming the listener, its
 * protocol and port, and the property that moves it.
 */
class ListenerBindFailureAnalyzer extends AbstractFailureAnalyzer<ListenerBindException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, ListenerBindException cause) {
		ListenerId listener = cause.getListener();
		String port = String.valueOf(cause.getAddress().getPort());
		String description = "The listener " + listener.describe() + " could not listen on "
				+ listener.protocol().name() + " port " + port + " at "
				+ cause.getAddress().getAddress().getHostAddress() + ": " + cause.getCause().getMessage() + ".";
		String action = "Stop the process that holds " + listener.protocol().name() + " port " + port
				+ ", or choose another port with " + listener.property("port") + " (environment variable "
				+ listener.variable("port") + "), or disable the listener with " + listener.property("enabled")
				+ "=false.";
		return new FailureAnalysis(description, action, cause);
	}

}
