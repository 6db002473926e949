package dev.sockets.tcp;

/**
 * Passed down the pipeline in place of a line that exceeded the limit. On a listener
 * whose {@link Dialogue} ends the connection for it, nothing after it is decoded; on an
 * IRC listener it reaches the service, which answers it, and decoding goes on after the
 * line's end.
 *
 * @param maxBytes the limit
 */
public record LineTooLong(int maxBytes) {
}
