package dev.sockets.listener;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;

/**
 * A TCP connection as operators see it.
 *
 * @param id the connection id, as in the {@code ip_connectionId} header
 * @param listener the listener that accepted it
 * @param remoteAddress the client's address and port: behind a proxy that sent a PROXY
 * protocol header, the address the header carried
 * @param proxyAddress the proxy's own address when a PROXY protocol header was used; null
 * otherwise
 * @param openedAt when it was accepted
 * @param bytesIn bytes received from the client
 * @param bytesOut bytes written to the client
 * @param lastActivity when bytes last went either way
 */
public record ConnectionInfo(String id, ListenerId listener, InetSocketAddress remoteAddress,
		InetSocketAddress proxyAddress, Instant openedAt, long bytesIn, long bytesOut, Instant lastActivity) {

	/**
	 * @return how long the connection has been (or was) open
	 */
	public Duration age() {
		return Duration.between(this.openedAt, Instant.now());
	}

	/**
	 * @return the client's address and port as {@code host:port}, IPv6 in brackets
	 */
	public String remote() {
		return Addresses.display(this.remoteAddress);
	}

}
