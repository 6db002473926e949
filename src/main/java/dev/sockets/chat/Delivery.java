package dev.sockets.chat;

/**
 * One line of chat output for one session.
 *
 * @param sessionId the session that receives the line
 * @param text the line, without its terminator
 * @param closeAfter whether the session ends once this line is written
 */
public record Delivery(String sessionId, String text, boolean closeAfter) {

	static Delivery to(String sessionId, String text) {
		return new Delivery(sessionId, text, false);
	}

	static Delivery last(String sessionId, String text) {
		return new Delivery(sessionId, text, true);
	}

}
