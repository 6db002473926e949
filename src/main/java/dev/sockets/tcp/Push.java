package dev.sockets.tcp;

/**
 * A line the server pushes to one of a listener's connections, unasked (as chat does).
 *
 * @param connectionId the connection
 * @param line the line, without its terminator
 * @param closeAfter whether the connection closes once the line is written
 */
public record Push(String connectionId, String line, boolean closeAfter) {
}
