package dev.sockets.limits;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.sockets.listener.Rejection;

import static org.assertj.core.api.Assertions.assertThat;

class SourceLimitsTest {

	private static final SourceKeys IPV4_ONLY = new SourceKeys(64);

	private static InetAddress address(String text) throws UnknownHostException {
		return IpAddresses.parse(text);
	}

	@Test
	void eachAddressHasItsOwnConnectionLimit() throws UnknownHostException {
		SourceLimits limits = new SourceLimits(2, 0, IPV4_ONLY);
		assertThat(limits.admit(address("192.0.2.1"))).isNull();
		assertThat(limits.admit(address("192.0.2.1"))).isNull();
		assertThat(limits.admit(address("192.0.2.1")))
			.isEqualTo(new Refusal(Rejection.PER_SOURCE, "too many connections from your address (max 2)"));
		assertThat(limits.admit(address("192.0.2.2"))).isNull();
		limits.closed(address("192.0.2.1"));
		assertThat(limits.admit(address("192.0.2.1"))).isNull();
	}

	@Test
	void newConnectionsPerSecondAreLimitedWithABurstOfTwice() throws UnknownHostException {
		SourceLimits limits = new SourceLimits(100, 3, IPV4_ONLY);
		for (int i = 0; i < 6; i++) {
			assertThat(limits.admit(address("192.0.2.1"))).isNull();
		}
		assertThat(limits.admit(address("192.0.2.1")))
			.isEqualTo(new Refusal(Rejection.RATE, "too many new connections from your address (max 3 per second)"));
	}

	@Test
	void anAddressWithNothingOpenIsForgotten() throws UnknownHostException {
		SourceLimits limits = new SourceLimits(5, 0, IPV4_ONLY);
		limits.admit(address("192.0.2.1"));
		limits.admit(address("192.0.2.2"));
		limits.closed(address("192.0.2.1"));
		limits.sweep();
		assertThat(limits.trackedSources()).isEqualTo(1);
	}

	@Test
	void ipv4AndItsMappedIpv6FormAreOneSource() throws UnknownHostException {
		SourceLimits limits = new SourceLimits(1, 0, IPV4_ONLY);
		assertThat(limits.admit(address("192.0.2.1"))).isNull();
		assertThat(limits.admit(address("::ffff:192.0.2.1"))).isNotNull();
	}

	@Test
	void oneIpv6ClientIsItsWholePrefix() {
		SourceLimits limits = new SourceLimits(2, 0, new SourceKeys(64));
		assertThat(limits.admit(IpAddresses.parse("2001:db8:1:2::1"))).isNull();
		assertThat(limits.admit(IpAddresses.parse("2001:db8:1:2::2"))).isNull();
		assertThat(limits.admit(IpAddresses.parse("2001:db8:1:2:ffff::3")).reason()).isEqualTo(Rejection.PER_SOURCE);
		assertThat(limits.admit(IpAddresses.parse("2001:db8:1:3::1"))).isNull();
		limits.closed(IpAddresses.parse("2001:db8:1:2::2"));
		assertThat(limits.admit(IpAddresses.parse("2001:db8:1:2::9"))).isNull();
	}

	@Test
	void clientsBeyondTheTableAreTurnedAwayAsBusy() {
		SourceLimits limits = new SourceLimits(5, 0, IPV4_ONLY, 2);
		assertThat(limits.admit(IpAddresses.parse("192.0.2.1"))).isNull();
		assertThat(limits.admit(IpAddresses.parse("192.0.2.2"))).isNull();
		assertThat(limits.admit(IpAddresses.parse("192.0.2.3"))).isEqualTo(new Refusal(Rejection.LIMIT, "server busy"));
		assertThat(limits.admit(IpAddresses.parse("192.0.2.1"))).isNull();
	}

	@Test
	void admitCloseAndSweepRacingOnOneClientNeverLetItPastItsLimit() throws Exception {
		int max = 4;
		SourceLimits limits = new SourceLimits(max, 0, IPV4_ONLY);
		InetAddress client = IpAddresses.parse("192.0.2.1");
		AtomicInteger open = new AtomicInteger();
		AtomicInteger mostOpen = new AtomicInteger();
		AtomicBoolean running = new AtomicBoolean(true);
		Thread sweeper = Thread.ofPlatform().start(() -> {
			while (running.get()) {
				limits.sweep();
			}
		});
		try (ExecutorService workers = Executors.newFixedThreadPool(8)) {
			List<Future<?>> done = new ArrayList<>();
			for (int worker = 0; worker < 8; worker++) {
				done.add(workers.submit(() -> {
					for (int i = 0; i < 200_000; i++) {
						if (limits.admit(client) == null) {
							mostOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
							Thread.onSpinWait();
							open.decrementAndGet();
							limits.closed(client);
						}
					}
				}));
			}
			for (Future<?> worker : done) {
				worker.get(60, TimeUnit.SECONDS);
			}
		}
		finally {
			running.set(false);
			sweeper.join();
		}
		assertThat(mostOpen.get()).as("connections open at once").isLessThanOrEqualTo(max);
		assertThat(limits.open(client)).isZero();
		limits.sweep();
		assertThat(limits.trackedSources()).isZero();
		// Had a close been lost to the sweep, the count would be off by one here.
		for (int i = 0; i < max; i++) {
			assertThat(limits.admit(client)).isNull();
		}
		assertThat(limits.admit(client)).isNotNull();
	}

}
