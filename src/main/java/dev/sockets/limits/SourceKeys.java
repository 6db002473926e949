package dev.sockets.limits;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * What counts as one client for per-source limits. An IPv4 address is one client; so is
 * an IPv6 {@code /64} by default, since that is what one subscriber, host or container
 * gets (RFC 6177, RFC 8273): counting IPv6 addresses one by one would give a client 2^64
 * allowances. An IPv4 client on an IPv6 socket ({@code ::ffff:192.0.2.7}) is the IPv4
 * client.
 */
public final class SourceKeys {

	private final int ipv6PrefixLength;

	/**
	 * @param ipv6PrefixLength how many leading bits of an IPv6 address name its client,
	 * 0-128
	 */
	public SourceKeys(int ipv6PrefixLength) {
		if (ipv6PrefixLength < 0 || ipv6PrefixLength > 128) {
			throw new IllegalArgumentException("An IPv6 prefix length is 0-128, not " + ipv6PrefixLength);
		}
		this.ipv6PrefixLength = ipv6PrefixLength;
	}

	/**
	 * @return the address that stands for the client at this address
	 */
	public InetAddress of(InetAddress address) {
		InetAddress canonical = IpAddresses.canonical(address);
		if (!(canonical instanceof Inet6Address) || this.ipv6PrefixLength == 128) {
			return canonical;
		}
		byte[] bytes = canonical.getAddress();
		for (int bit = this.ipv6PrefixLength; bit < 128; bit++) {
			bytes[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
		}
		try {
			return InetAddress.getByAddress(bytes);
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
