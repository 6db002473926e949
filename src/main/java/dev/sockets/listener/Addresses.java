package dev.sockets.listener;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * How addresses are written in logs and on the actuator.
 */
public final class Addresses {

	private Addresses() {
	}

	/**
	 * @return {@code 192.0.2.7:7070} or {@code [2001:db8::7]:7070}, never a host name
	 */
	public static String display(InetSocketAddress address) {
		return display(address.getAddress()) + ":" + address.getPort();
	}

	/**
	 * @return {@code 192.0.2.7} or {@code [2001:db8::7]}, never a host name
	 */
	public static String display(InetAddress address) {
		String host = address.getHostAddress();
		return (address instanceof Inet6Address) ? "[" + host + "]" : host;
	}

}
