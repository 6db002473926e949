package dev.sockets.chat;

import java.time.Instant;

/**
 * A room's topic.
 *
 * @param text the topic, already escaped
 * @param setBy the nickname of who set it
 * @param at when it was set
 */
public record Topic(String text, String setBy, Instant at) {
}
