package dev.sockets.limits;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An IPv4 or IPv6 address, or a CIDR range of them: {@code 192.0.2.7}, {@code 10.0.0.0/8},
 * {@code 2001:db8::/32}. IPv4 addresses seen as IPv4-mapped IPv6 ({@code ::ffff:10.1.2.3}) match
 * IPv4 ranges.
 */
public final class AddressRange {

	private final String text;

	private final byte[] network;

	private final int prefixLength;

	private AddressRange(String text, byte[] network, int prefixLength) {
		this.text = text;
		this.network = network;
		this.prefixLength = prefixLength;
	}

	/**
	 * @throws IllegalArgumentException if the text is neither an address nor a CIDR range; host
	 * names are refused, since resolving them would make access control depend on DNS
	 */
	public static AddressRange parse(String text) {
		String trimmed = text.strip();
		int slash = trimmed.indexOf('/');
		String address = (slash < 0) ? trimmed : trimmed.substring(0, slash);
		if (!address.matches("[0-9a-fA-F:.]+") || address.isEmpty()) {
			throw new IllegalArgumentException("'" + text + "' is not an IP address or CIDR range (e.g. 10.0.0.0/8)");
		}
		byte[] bytes;
		try {
			bytes = normalize(InetAddress.getByName(address));
		}
		catch (UnknownHostException | IllegalArgumentException ex) {
			throw new IllegalArgumentException("'" + text + "' is not an IP address or CIDR range (e.g. 10.0.0.0/8)");
		}
		int bits = bytes.length * 8;
		int prefix = bits;
		if (slash >= 0) {
			try {
				prefix = Integer.parseInt(trimmed.substring(slash + 1));
			}
			catch (NumberFormatException ex) {
				prefix = -1;
			}
			if (prefix < 0 || prefix > bits) {
				throw new IllegalArgumentException("'" + text + "' has a prefix length outside 0-" + bits);
			}
		}
		return new AddressRange(trimmed, bytes, prefix);
	}

	/**
	 * @return whether the address is in this range
	 */
	public boolean contains(InetAddress address) {
		byte[] bytes = normalize(address);
		if (bytes.length != this.network.length) {
			return false;
		}
		int fullBytes = this.prefixLength / 8;
		for (int i = 0; i < fullBytes; i++) {
			if (bytes[i] != this.network[i]) {
				return false;
			}
		}
		int remainingBits = this.prefixLength % 8;
		if (remainingBits == 0) {
			return true;
		}
		int mask = 0xFF << (8 - remainingBits);
		return (bytes[fullBytes] & mask) == (this.network[fullBytes] & mask);
	}

	private static byte[] normalize(InetAddress address) {
		byte[] bytes = address.getAddress();
		if (address instanceof Inet6Address && isIpv4Mapped(bytes)) {
			byte[] ipv4 = new byte[4];
			System.arraycopy(bytes, 12, ipv4, 0, 4);
			return ipv4;
		}
		if (address instanceof Inet4Address || bytes.length == 16) {
			return bytes;
		}
		throw new IllegalArgumentException("Unsupported address " + address);
	}

	private static boolean isIpv4Mapped(byte[] bytes) {
		for (int i = 0; i < 10; i++) {
			if (bytes[i] != 0) {
				return false;
			}
		}
		return bytes[10] == (byte) 0xFF && bytes[11] == (byte) 0xFF;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof AddressRange range && range.text.equals(this.text);
	}

	@Override
	public int hashCode() {
		return this.text.hashCode();
	}

	@Override
	public String toString() {
		return this.text;
	}

}
