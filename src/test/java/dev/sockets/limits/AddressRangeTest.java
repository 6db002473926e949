package dev.sockets.limits;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class AddressRangeTest {

	private static InetAddress address(String text) throws UnknownHostException {
		return InetAddress.getByName(text);
	}

	@Test
	void aSingleAddressMatchesOnlyItself() throws UnknownHostException {
		AddressRange range = AddressRange.parse("192.0.2.7");
		assertThat(range.contains(address("192.0.2.7"))).isTrue();
		assertThat(range.contains(address("192.0.2.8"))).isFalse();
	}

	@Test
	void ipv4CidrRanges() throws UnknownHostException {
		AddressRange range = AddressRange.parse("10.1.0.0/16");
		assertThat(range.contains(address("10.1.255.3"))).isTrue();
		assertThat(range.contains(address("10.2.0.1"))).isFalse();
		assertThat(AddressRange.parse("0.0.0.0/0").contains(address("203.0.113.9"))).isTrue();
		assertThat(AddressRange.parse("192.0.2.128/25").contains(address("192.0.2.127"))).isFalse();
		assertThat(AddressRange.parse("192.0.2.128/25").contains(address("192.0.2.200"))).isTrue();
	}

	@Test
	void ipv6CidrRanges() throws UnknownHostException {
		AddressRange range = AddressRange.parse("2001:db8::/32");
		assertThat(range.contains(address("2001:db8:1::5"))).isTrue();
		assertThat(range.contains(address("2001:db9::1"))).isFalse();
		assertThat(range.contains(address("10.0.0.1"))).isFalse();
	}

	@Test
	void ipv4MappedIpv6AddressesMatchIpv4Ranges() throws UnknownHostException {
		assertThat(AddressRange.parse("127.0.0.0/8").contains(address("::ffff:127.0.0.1"))).isTrue();
	}

	@Test
	void hostNamesAndNonsenseAreRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> AddressRange.parse("localhost"))
			.withMessageContaining("'localhost' is not an IP address or CIDR range");
		assertThatIllegalArgumentException().isThrownBy(() -> AddressRange.parse("10.0.0.0/33"))
			.withMessageContaining("prefix length outside 0-32");
		assertThatIllegalArgumentException().isThrownBy(() -> AddressRange.parse("10.0.0.0/x"));
		assertThatIllegalArgumentException().isThrownBy(() -> AddressRange.parse("300.1.1.1"));
		assertThatIllegalArgumentException().isThrownBy(() -> AddressRange.parse(""));
	}

}
