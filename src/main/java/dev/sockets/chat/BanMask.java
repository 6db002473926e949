package dev.sockets.chat;

import java.net.InetAddress;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.sockets.limits.AddressRange;
import dev.sockets.limits.IpAddresses;

/**
 * Whom a ban is for: a nickname, or, since nicknames change, an address or a CIDR range
 * of them ({@code 192.0.2.7}, {@code 10.0.0.0/8}, {@code 2001:db8::/32}).
 *
 * @param text the mask, canonical: a nickname in lower case, or the range as written
 * @param range the addresses it covers; null for a nickname
 */
record BanMask(String text, AddressRange range) {

	private static final Pattern NICKNAME = Pattern.compile(Names.NICKNAME_CHARS);

	/**
	 * @return the mask, or empty if the text is neither a nickname nor an address or
	 * range
	 */
	static Optional<BanMask> parse(String text) {
		if (NICKNAME.matcher(text).matches()) {
			return Optional.of(new BanMask(text.toLowerCase(Locale.ROOT), null));
		}
		try {
			AddressRange range = AddressRange.parse(text);
			return Optional.of(new BanMask(range.toString().toLowerCase(Locale.ROOT), range));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	/**
	 * @param nickname a user's nickname
	 * @param address the user's address, null where it is not known
	 */
	boolean matches(String nickname, InetAddress address) {
		if (this.range == null) {
			return this.text.equals(Names.key(nickname));
		}
		return address != null && this.range.contains(address);
	}

	/**
	 * @return the address of a peer, or null where it is not known (or not an address)
	 */
	static InetAddress address(Peer peer) {
		if (peer.address().isEmpty()) {
			return null;
		}
		try {
			return IpAddresses.parse(peer.address());
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
