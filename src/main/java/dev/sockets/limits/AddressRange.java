package dev.sockets.limits;

import java.net.InetAddress;

/**
 * An IPv4 or IPv6 address, or a CIDR range of them: {@code 192.0.2.7},
 * {@code 10.0.0.0/8}, {@code 2001:db8::/32}. IPv4 addresses seen as IPv4-mapped IPv6
 * ({@code ::ffff:10.1.2.3}) match IPv4 ranges.
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
	 * @throws IllegalArgumentException if the text is neither an address literal nor a
	 * CIDR range; host names are refused without being looked up, since resolving them
	 * would make access control depend on DNS
	 */
	public static AddressRange parse(String text) {
		String trimmed = text.strip();
		int slash = trimmed.indexOf('/');
		String address = (slash < 0) ? trimmed : trimmed.substring(0, slash);
		byte[] bytes;
		try {
			bytes = IpAddresses.canonical(IpAddresses.parse(address)).getAddress();
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(
					"'" + text + "' is not an IP address or CIDR range (e.g. 192.0.2.7, 10.0.0.0/8, 2001:db8::/32)");
		}
		int bits = bytes.length * 8;
		int prefix = bits;
		if (slash >= 0) {
			String length = trimmed.substring(slash + 1);
			prefix = length.matches("[0-9]{1,3}") ? Integer.parseInt(length) : -1;
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
		byte[] bytes = IpAddresses.canonical(address).getAddress();
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
