package dev.sockets.limits;

import dev.sockets.listener.Rejection;

/**
 * Why a client is turned away.
 *
 * @param reason the reason as counted
 * @param message the reason as the client is told it, after {@code ERR }
 */
public record Refusal(Rejection reason, String message) {
}
