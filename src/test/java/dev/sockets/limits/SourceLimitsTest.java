package dev.sockets.limits;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.junit.jupiter.api.Test;

import dev.sockets.listener.Rejection;

import static org.assertj.core.api.Assertions.assertThat;

class SourceLimitsTest {

	private static InetAddress address(String text) throws UnknownHostException {
		return InetAddress.getByName(text);
	}

	@Test
	void eachAddressHasItsOwnConnectionLimit() throws UnknownHostException {
		SourceLimits limits = new SourceLimits(2, 0);
		assertThat(limits.admit(address("192.0.2.1"))).isNull();
		assertThat(limits.admit(address("192.0.2.1"))).isNull();
		assertThat(limits.admit(address("192.0.2.1"))).isEqualTo(
				new SourceLimits.Refusal(Rejection.PER_SOURCE, "too many connections from your address (max 2)"));
		assertThat(limits.admit(address("192.0.2.2"))).isNull();
		limits.closed(address("192.0.2.1"));
		assertThat(limits.admit(address("192.0.2.1"))).isNull();
	}

	@Test
	void newConnectionsPerSecondAreLimitedWithABurstOfTwice() throws UnknownHostException {
		SourceLimits limits = new SourceLimits(100, 3);
		for (int i = 0; i < 6; i++) {
			assertThat(limits.admit(address("192.0.2.1"))).isNull();
		}
		assertThat(limits.admit(address("192.0.2.1")))
			.isEqualTo(new SourceLimits.Refusal(Rejection.RATE,
					"too many new connections from your address (max 3 per second)"));
	}

	@Test
	void anAddressWithNothingOpenIsForgotten() throws UnknownHostException {
		SourceLimits limits = new SourceLimits(5, 0);
		limits.admit(address("192.0.2.1"));
		limits.admit(address("192.0.2.2"));
		limits.closed(address("192.0.2.1"));
		limits.sweep();
		assertThat(limits.trackedSources()).isEqualTo(1);
	}

	@Test
	void ipv4AndItsMappedIpv6FormAreOneSource() throws UnknownHostException {
		SourceLimits limits = new SourceLimits(1, 0);
		assertThat(limits.admit(address("192.0.2.1"))).isNull();
		assertThat(limits.admit(address("::ffff:192.0.2.1"))).isNotNull();
	}

}
