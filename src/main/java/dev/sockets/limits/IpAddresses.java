package dev.sockets.limits;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * IP addresses from their literal forms, and their one canonical form.
 * <p>
 * Parsing never resolves a name: {@link InetAddress#getByName} would look up anything
 * that is not a literal ({@code cafe}, {@code dead.beef}), so access rules would depend
 * on DNS. Only dotted-quad IPv4 ({@code 192.0.2.7}) and IPv6 in the forms of RFC 4291
 * section 2.2 ({@code 2001:db8::7}, {@code ::ffff:192.0.2.7}) are accepted; zones and
 * octal or hexadecimal IPv4 parts are not.
 */
public final class IpAddresses {

	private IpAddresses() {
	}

	/**
	 * @throws IllegalArgumentException if the text is not an IPv4 or IPv6 literal
	 */
	public static InetAddress parse(String literal) {
		byte[] bytes = (literal.indexOf(':') >= 0) ? ipv6(literal) : ipv4(literal);
		if (bytes == null) {
			throw new IllegalArgumentException("'" + literal + "' is not an IP address");
		}
		try {
			return InetAddress.getByAddress(bytes);
		}
		catch (UnknownHostException ex) {
			throw new IllegalArgumentException("'" + literal + "' is not an IP address", ex);
		}
	}

	/**
	 * @return the address as IPv4 when it is an IPv4-mapped IPv6 address
	 * ({@code ::ffff:192.0.2.7}), so that a client reaching an IPv6 socket over IPv4 is
	 * one client with one address
	 */
	public static InetAddress canonical(InetAddress address) {
		if (!(address instanceof Inet6Address)) {
			return address;
		}
		byte[] bytes = address.getAddress();
		if (!isIpv4Mapped(bytes)) {
			return address;
		}
		try {
			return InetAddress.getByAddress(new byte[] { bytes[12], bytes[13], bytes[14], bytes[15] });
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static boolean isIpv4Mapped(byte[] bytes) {
		for (int i = 0; i < 10; i++) {
			if (bytes[i] != 0) {
				return false;
			}
		}
		return bytes[10] == (byte) 0xFF && bytes[11] == (byte) 0xFF;
	}

	private static byte[] ipv4(String text) {
		String[] parts = text.split("\\.", -1);
		if (parts.length != 4) {
			return null;
		}
		byte[] bytes = new byte[4];
		for (int i = 0; i < 4; i++) {
			int value = decimalOctet(parts[i]);
			if (value < 0) {
				return null;
			}
			bytes[i] = (byte) value;
		}
		return bytes;
	}

	/**
	 * @return 0-255, or -1 for anything else, including a leading zero (which some
	 * parsers read as octal)
	 */
	private static int decimalOctet(String part) {
		if (part.isEmpty() || part.length() > 3 || (part.length() > 1 && part.charAt(0) == '0')) {
			return -1;
		}
		int value = 0;
		for (int i = 0; i < part.length(); i++) {
			char c = part.charAt(i);
			if (c < '0' || c > '9') {
				return -1;
			}
			value = value * 10 + (c - '0');
		}
		return (value <= 255) ? value : -1;
	}

	private static byte[] ipv6(String text) {
		int gap = text.indexOf("::");
		if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
			return null;
		}
		String head = (gap >= 0) ? text.substring(0, gap) : text;
		String tail = (gap >= 0) ? text.substring(gap + 2) : "";
		byte[] headBytes = groups(head, gap < 0);
		byte[] tailBytes = groups(tail, true);
		if (headBytes == null || tailBytes == null) {
			return null;
		}
		int given = headBytes.length + tailBytes.length;
		if ((gap < 0 && given != 16) || (gap >= 0 && given > 14)) {
			return null;
		}
		byte[] bytes = new byte[16];
		System.arraycopy(headBytes, 0, bytes, 0, headBytes.length);
		System.arraycopy(tailBytes, 0, bytes, 16 - tailBytes.length, tailBytes.length);
		return bytes;
	}

	/**
	 * @param text colon-separated groups of 1-4 hex digits, possibly empty
	 * @param mayEndInIpv4 whether the last group may be a dotted-quad IPv4 address
	 * @return the bytes they stand for, or null if the text is not such groups
	 */
	private static byte[] groups(String text, boolean mayEndInIpv4) {
		if (text.isEmpty()) {
			return new byte[0];
		}
		String[] groups = text.split(":", -1);
		byte[] bytes = new byte[groups.length * 2 + 2];
		int length = 0;
		for (int i = 0; i < groups.length; i++) {
			String group = groups[i];
			if (i == groups.length - 1 && mayEndInIpv4 && group.indexOf('.') >= 0) {
				byte[] ipv4 = ipv4(group);
				if (ipv4 == null) {
					return null;
				}
				System.arraycopy(ipv4, 0, bytes, length, 4);
				length += 4;
				continue;
			}
			if (group.isEmpty() || group.length() > 4) {
				return null;
			}
			int value = 0;
			for (int j = 0; j < group.length(); j++) {
				int digit = hexDigit(group.charAt(j));
				if (digit < 0) {
					return null;
				}
				value = (value << 4) | digit;
			}
			bytes[length++] = (byte) (value >> 8);
			bytes[length++] = (byte) value;
		}
		byte[] result = new byte[length];
		System.arraycopy(bytes, 0, result, 0, length);
		return result;
	}

	/**
	 * @return the value of an ASCII hex digit, or -1 (other scripts' digits are not part
	 * of a literal)
	 */
	private static int hexDigit(char c) {
		if (c >= '0' && c <= '9') {
			return c - '0';
		}
		if (c >= 'a' && c <= 'f') {
			return c - 'a' + 10;
		}
		if (c >= 'A' && c <= 'F') {
			return c - 'A' + 10;
		}
		return -1;
	}

}
