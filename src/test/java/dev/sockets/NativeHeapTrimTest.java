package dev.sockets;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class NativeHeapTrimTest {

	private NativeHeapTrim trim;

	@AfterEach
	void stop() {
		this.trim.destroy();
	}

	@Test
	void trimsFromTheFirstTimeTheServiceTakesTrafficEveryIntervalUntilStopped() {
		this.trim = new NativeHeapTrim(Duration.ofMillis(20));
		this.trim.onApplicationEvent(readiness(ReadinessState.REFUSING_TRAFFIC));
		assertThat(this.trim.outcome()).isEmpty();
		this.trim.onApplicationEvent(readiness(ReadinessState.ACCEPTING_TRAFFIC));
		await().atMost(Duration.ofSeconds(10)).until(() -> this.trim.trims() >= 3);
		// glibc on Linux, as here and in the image, can trim: the JVM says by how much.
		assertThat(this.trim.outcome()).hasValueSatisfying((said) -> assertThat(said).startsWith("Trim native heap:"));
		this.trim.destroy();
		long trims = this.trim.trims();
		await().during(Duration.ofMillis(200))
			.atMost(Duration.ofSeconds(5))
			.until(() -> this.trim.trims() <= trims + 1);
	}

	@Test
	void anIntervalOfZeroNeverTrims() {
		this.trim = new NativeHeapTrim(Duration.ZERO);
		this.trim.onApplicationEvent(readiness(ReadinessState.ACCEPTING_TRAFFIC));
		await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(5)).until(() -> this.trim.trims() == 0);
	}

	private AvailabilityChangeEvent<ReadinessState> readiness(ReadinessState state) {
		return new AvailabilityChangeEvent<>(this, state);
	}

}
