package dev.sockets.limits;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AccessRulesTest {

	private static InetAddress address(String text) throws UnknownHostException {
		return InetAddress.getByName(text);
	}

	@Test
	void noRulesLetEveryoneIn() throws UnknownHostException {
		AccessRules rules = new AccessRules(List.of(), List.of());
		assertThat(rules.permitsEveryone()).isTrue();
		assertThat(rules.permits(address("203.0.113.1"))).isTrue();
	}

	@Test
	void anAllowListLetsOnlyItsAddressesIn() throws UnknownHostException {
		AccessRules rules = new AccessRules(List.of(AddressRange.parse("10.0.0.0/8")), List.of());
		assertThat(rules.permits(address("10.9.9.9"))).isTrue();
		assertThat(rules.permits(address("192.168.0.1"))).isFalse();
	}

	@Test
	void denyWins() throws UnknownHostException {
		AccessRules rules = new AccessRules(List.of(AddressRange.parse("10.0.0.0/8")),
				List.of(AddressRange.parse("10.6.6.0/24")));
		assertThat(rules.permits(address("10.6.6.6"))).isFalse();
		assertThat(rules.permits(address("10.6.7.6"))).isTrue();
	}

	@Test
	void aDenyListAloneLetsEveryoneElseIn() throws UnknownHostException {
		AccessRules rules = new AccessRules(List.of(),
				List.of(AddressRange.parse("::1"), AddressRange.parse("127.0.0.2")));
		assertThat(rules.permits(address("127.0.0.2"))).isFalse();
		assertThat(rules.permits(address("::1"))).isFalse();
		assertThat(rules.permits(address("127.0.0.1"))).isTrue();
	}

}
