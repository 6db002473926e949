package dev.sockets.limits;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SourceKeysTest {

	@Test
	void anIpv6ClientIsItsSlash64ByDefault() {
		SourceKeys keys = new SourceKeys(64);
		assertThat(keys.of(IpAddresses.parse("2001:db8:1:2:aaaa::1")))
			.isEqualTo(keys.of(IpAddresses.parse("2001:db8:1:2:ffff:ffff:ffff:ffff")))
			.isEqualTo(IpAddresses.parse("2001:db8:1:2::"));
		assertThat(keys.of(IpAddresses.parse("2001:db8:1:3::1")))
			.isNotEqualTo(keys.of(IpAddresses.parse("2001:db8:1:2::1")));
	}

	@Test
	void prefixesNeedNotFallOnAByte() {
		SourceKeys keys = new SourceKeys(60);
		assertThat(keys.of(IpAddresses.parse("2001:db8:1:2f::1"))).isEqualTo(IpAddresses.parse("2001:db8:1:20::"));
		assertThat(new SourceKeys(128).of(IpAddresses.parse("2001:db8::7")))
			.isEqualTo(IpAddresses.parse("2001:db8::7"));
		assertThat(new SourceKeys(0).of(IpAddresses.parse("2001:db8::7"))).isEqualTo(IpAddresses.parse("::"));
	}

	@Test
	void ipv4ClientsAreCountedByAddressInEitherForm() {
		SourceKeys keys = new SourceKeys(64);
		assertThat(keys.of(IpAddresses.parse("192.0.2.7"))).isEqualTo(IpAddresses.parse("192.0.2.7"));
		assertThat(keys.of(IpAddresses.parse("::ffff:192.0.2.7"))).isEqualTo(IpAddresses.parse("192.0.2.7"));
		assertThat(keys.of(IpAddresses.parse("192.0.2.8"))).isNotEqualTo(keys.of(IpAddresses.parse("192.0.2.7")));
	}

	@Test
	void aPrefixLengthOutside0To128IsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new SourceKeys(129));
		assertThatIllegalArgumentException().isThrownBy(() -> new SourceKeys(-1));
	}

}
