package dev.sockets.listener;

import java.net.InetSocketAddress;

/**
 * Who a connection is from, as a service may know it: the client's address (behind a
 * proxy speaking the PROXY protocol, the address the proxy named) and the subject of the
 * client certificate it presented over TLS.
 *
 * @param address the client's address and port
 * @param certificateSubject the subject of its certificate, as an RFC 2253 name; empty
 * for none (no TLS, or no client certificate)
 */
public record Peer(InetSocketAddress address, String certificateSubject) {

	public Peer {
		certificateSubject = (certificateSubject != null) ? certificateSubject : "";
	}

	/**
	 * @return the client's IP address as a literal; empty where it is not known
	 */
	public String ipAddress() {
		return (this.address != null && this.address.getAddress() != null) ? this.address.getAddress().getHostAddress()
				: "";
	}

}
