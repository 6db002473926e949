package dev.sockets.tcp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The lines of one read from a client, in order, without their terminators.
 * <p>
 * Line-framed input travels through a flow in this unit rather than line by line, so that
 * Spring Integration's cost per message (a message, its headers, a reply channel) is paid
 * once per read. An interactive client sends one line per read and gets batches of one; a
 * client that pipelines thousands of lines gets them answered together and flushed with
 * one write.
 *
 * @param lines the lines
 */
public record Lines(List<String> lines) {

	/**
	 * @param lines the lines, handed over: the caller must not change the list afterwards
	 */
	public Lines {
		lines = Collections.unmodifiableList(lines);
	}

	public static Lines of(String... lines) {
		return new Lines(List.of(lines));
	}

	/**
	 * @return the replies to these lines, one per line, in order
	 */
	public Lines map(UnaryOperator<String> reply) {
		List<String> replies = new ArrayList<>(this.lines.size());
		for (String line : this.lines) {
			replies.add(reply.apply(line));
		}
		return new Lines(replies);
	}

	public int size() {
		return this.lines.size();
	}

}
