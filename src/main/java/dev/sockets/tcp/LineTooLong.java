package dev.sockets.tcp;

/**
 * Passed down the pipeline in place of a line that exceeded the limit; nothing after it
 * is decoded.
 *
 * @param maxBytes the limit
 */
record LineTooLong(int maxBytes) {
}
