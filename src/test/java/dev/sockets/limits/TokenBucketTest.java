package dev.sockets.limits;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TokenBucketTest {

	private static final long SECOND = 1_000_000_000L;

	@Test
	void aFullBucketAllowsItsBurstThenNothing() {
		TokenBucket bucket = new TokenBucket(1, 3, 0);
		assertThat(bucket.tryTake(1, 0)).isTrue();
		assertThat(bucket.tryTake(1, 0)).isTrue();
		assertThat(bucket.tryTake(1, 0)).isTrue();
		assertThat(bucket.tryTake(1, 0)).isFalse();
	}

	@Test
	void tokensFlowBackAtTheRate() {
		TokenBucket bucket = new TokenBucket(2, 2, 0);
		bucket.tryTake(2, 0);
		assertThat(bucket.tryTake(1, SECOND / 4)).isFalse();
		assertThat(bucket.tryTake(1, SECOND / 2)).isTrue();
		assertThat(bucket.tryTake(1, SECOND / 2)).isFalse();
	}

	@Test
	void neverHoldsMoreThanItsBurst() {
		TokenBucket bucket = new TokenBucket(10, 5, 0);
		assertThat(bucket.tryTake(6, 3600 * SECOND)).isFalse();
		assertThat(bucket.tryTake(5, 3600 * SECOND)).isTrue();
	}

	@Test
	void aRefusedTakeCostsNothing() {
		TokenBucket bucket = new TokenBucket(1, 4, 0);
		assertThat(bucket.tryTake(5, 0)).isFalse();
		assertThat(bucket.tryTake(4, 0)).isTrue();
	}

	@Test
	void knowsWhenItIsFullAgain() {
		TokenBucket bucket = new TokenBucket(1, 2, 0);
		bucket.tryTake(1, 0);
		assertThat(bucket.isFull(0)).isFalse();
		assertThat(bucket.isFull(SECOND)).isTrue();
	}

	@Test
	void needsAPositiveRateAndBurst() {
		assertThatIllegalArgumentException().isThrownBy(() -> new TokenBucket(0, 1, 0));
		assertThatIllegalArgumentException().isThrownBy(() -> new TokenBucket(1, 0.5, 0));
	}

}
