package dev.sockets.chat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import javax.security.auth.x500.X500Principal;

import dev.sockets.limits.TokenBucket;

/**
 * The service operators configured, and who may try to become one: {@code /oper} is
 * limited per address, so that a password cannot be guessed at the speed of the network,
 * and reconnecting does not start the count again.
 */
final class ServiceOperators {

	/**
	 * Addresses whose attempts are remembered at once; the oldest are forgotten first.
	 */
	private static final int ADDRESSES_TRACKED = 10_000;

	private final Map<String, Credentials> operators = new LinkedHashMap<>();

	private final int attemptsPerMinute;

	private final Map<String, TokenBucket> attempts = new LinkedHashMap<>(16, 0.75f, true) {

		@Override
		protected boolean removeEldestEntry(Map.Entry<String, TokenBucket> eldest) {
			return size() > ADDRESSES_TRACKED;
		}

	};

	/**
	 * @throws IllegalArgumentException if an operator's password hash or certificate
	 * subject cannot be read, or it has neither
	 */
	ServiceOperators(Map<String, ModerationProperties.Operator> configured, int attemptsPerMinute) {
		this.attemptsPerMinute = attemptsPerMinute;
		configured.forEach((name, operator) -> {
			try {
				this.operators.put(name, Credentials.of(operator));
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("sockets.chat.operators." + name + ": " + ex.getMessage(), ex);
			}
		});
	}

	int attemptsPerMinute() {
		return this.attemptsPerMinute;
	}

	/**
	 * Counts an attempt from an address.
	 * @param now the time in nanoseconds
	 * @return whether the address may make it
	 */
	synchronized boolean mayTry(String address, long now) {
		return this.attempts
			.computeIfAbsent(address,
					(ignored) -> new TokenBucket(this.attemptsPerMinute / 60.0, this.attemptsPerMinute, now))
			.tryTake(1, now);
	}

	/**
	 * Checks credentials: slow on purpose (a password's hash), so called without the
	 * chat's lock.
	 * @param password the password given; empty for none
	 * @param certificateSubject the subject of the session's client certificate; empty
	 * for none
	 * @return whether they are the operator's
	 */
	boolean verify(String name, String password, String certificateSubject) {
		Credentials credentials = this.operators.get(name);
		if (credentials == null) {
			// As slow as a wrong password, so that names cannot be told from timings.
			Credentials.DECOY.matches(password);
			return false;
		}
		return credentials.subject().map((subject) -> subject.equals(canonical(certificateSubject))).orElse(false)
				|| credentials.hash().map((hash) -> !password.isEmpty() && hash.matches(password)).orElse(false);
	}

	private static String canonical(String subject) {
		if (subject.isBlank()) {
			return "";
		}
		try {
			return new X500Principal(subject).getName(X500Principal.CANONICAL);
		}
		catch (IllegalArgumentException ex) {
			return "";
		}
	}

	/**
	 * What makes a service operator.
	 */
	private record Credentials(Optional<PasswordHash> hash, Optional<String> subject) {

		static final PasswordHash DECOY = PasswordHash.parse(PasswordHash.of("", new byte[16], 210_000));

		static Credentials of(ModerationProperties.Operator operator) {
			Optional<PasswordHash> hash = operator.passwordHash().isBlank() ? Optional.empty()
					: Optional.of(PasswordHash.parse(operator.passwordHash()));
			Optional<String> subject = Optional.of(canonical(operator.certificateSubject()))
				.filter((canonical) -> !canonical.isEmpty());
			if (!operator.certificateSubject().isBlank() && subject.isEmpty()) {
				throw new IllegalArgumentException(
						"certificate-subject is not a distinguished name such as CN=alice,O=Example");
			}
			if (hash.isEmpty() && subject.isEmpty()) {
				throw new IllegalArgumentException("needs a password-hash or a certificate-subject");
			}
			return new Credentials(hash, subject);
		}

	}

}
