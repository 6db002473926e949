package dev.sockets.listener;

/**
 * How many connections a TCP listener holds at once, as configured.
 *
 * @param maxConnections connections open at once ({@code max-connections})
 * @param maxConnectionsPerSource connections open at once from one client
 * ({@code max-connections-per-source})
 */
public record ConnectionLimits(int maxConnections, int maxConnectionsPerSource) {
}
