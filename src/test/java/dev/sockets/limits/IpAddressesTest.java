package dev.sockets.limits;

import java.net.Inet4Address;
import java.net.InetAddress;

import org.junit.jupiter.api.Test;

import dev.sockets.support.RecordingResolverProvider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class IpAddressesTest {

	@Test
	void ipv4IsFourDecimalParts() {
		assertThat(IpAddresses.parse("192.0.2.7").getAddress()).containsExactly(192, 0, 2, 7);
		assertThat(IpAddresses.parse("0.0.0.0").isAnyLocalAddress()).isTrue();
		assertThat(IpAddresses.parse("255.255.255.255")).isInstanceOf(Inet4Address.class);
	}

	@Test
	void ipv6InEveryFormOfRfc4291() {
		assertThat(IpAddresses.parse("2001:db8::7").getHostAddress()).isEqualTo("2001:db8:0:0:0:0:0:7");
		assertThat(IpAddresses.parse("::").isAnyLocalAddress()).isTrue();
		assertThat(IpAddresses.parse("::1").isLoopbackAddress()).isTrue();
		assertThat(IpAddresses.parse("2001:DB8:0:0:8:800:200C:417A").getHostAddress())
			.isEqualTo("2001:db8:0:0:8:800:200c:417a");
		assertThat(IpAddresses.parse("fe80::").getHostAddress()).isEqualTo("fe80:0:0:0:0:0:0:0");
		assertThat(IpAddresses.parse("::ffff:192.0.2.7").getHostAddress()).isEqualTo("192.0.2.7");
		assertThat(IpAddresses.parse("64:ff9b::192.0.2.7").getHostAddress()).isEqualTo("64:ff9b:0:0:0:0:c000:207");
	}

	@Test
	void anythingElseIsRefusedWithoutAskingDns() throws Exception {
		// The recorder sees what the JVM resolves: a name looked up on purpose shows in
		// it.
		InetAddress.getByName("localhost");
		assertThat(RecordingResolverProvider.lookups()).contains("localhost");
		for (String text : new String[] { "cafe", "dead.beef", "cafe.de", "localhost", "1.2.3", "1.2.3.4.5", "01.2.3.4",
				"0x7f.0.0.1", "256.1.1.1", "1.2.3.4 ", "", "::1::", "1:2:3:4:5:6:7:8:9", "12345::", "fe80::1%eth0",
				"g::1", "1:2:3:4:5:6:7", "::ffff:1.2.3", "\u0661.2.3.4", "\u0661::1" }) {
			assertThatIllegalArgumentException().as(text).isThrownBy(() -> IpAddresses.parse(text));
		}
		assertThat(RecordingResolverProvider.lookups()).doesNotContain("cafe", "dead.beef", "cafe.de");
	}

	@Test
	void theCanonicalFormOfAnIpv4MappedAddressIsIpv4() throws Exception {
		InetAddress mapped = InetAddress
			.getByAddress(new byte[] { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xFF, (byte) 0xFF, (byte) 192, 0, 2, 7 });
		assertThat(IpAddresses.canonical(mapped)).isEqualTo(IpAddresses.parse("192.0.2.7"));
		assertThat(IpAddresses.canonical(IpAddresses.parse("2001:db8::7"))).isEqualTo(IpAddresses.parse("2001:db8::7"));
	}

}
