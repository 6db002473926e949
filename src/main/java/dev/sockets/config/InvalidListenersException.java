package dev.sockets.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Listeners that cannot all be started as configured; each problem names the property at
 * fault.
 */
public class InvalidListenersException extends RuntimeException {

	private final List<Problem> problems;

	InvalidListenersException(List<Problem> problems) {
		super(problems.stream()
			.map((problem) -> problem.property() + ": " + problem.reason())
			.collect(Collectors.joining("; ", "Invalid listeners: ", "")));
		this.problems = List.copyOf(problems);
	}

	public List<Problem> problems() {
		return this.problems;
	}

	/**
	 * What is wrong with one property.
	 *
	 * @param property the property, as written in YAML, e.g.
	 * {@code sockets.listeners.chat-tls.port}
	 * @param value the value given, or null when the property is missing
	 * @param reason what is wrong with it
	 */
	public record Problem(String property, Object value, String reason) {
	}

}
