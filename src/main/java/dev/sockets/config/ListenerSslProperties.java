package dev.sockets.config;

import java.time.Duration;

import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * TLS for one TCP listener, from a Spring Boot SSL bundle ({@code spring.ssl.bundle.*}).
 *
 * @param bundle name of the SSL bundle holding the server's key and certificate (and, for
 * client certificates, the trusted CAs); empty for plain TCP. A bundle with
 * {@code reload-on-update: true} is reloaded when its files change, without a restart
 * @param clientAuth whether clients must present a certificate the bundle's trust store
 * accepts: {@code none}, {@code want} (asked, not required) or {@code need}
 * @param handshakeTimeout how long a client has, once admitted, to complete the TLS
 * handshake; one that takes longer is closed and counted as a {@code timeout} failure
 */
public record ListenerSslProperties(@DefaultValue("") String bundle, @DefaultValue("none") ClientAuth clientAuth,
		@DefaultValue("10s") @DurationMin(millis = 1) Duration handshakeTimeout) {

	/**
	 * @return whether the listener speaks TLS
	 */
	public boolean enabled() {
		return !this.bundle.isBlank();
	}

	/**
	 * Whether clients present certificates.
	 */
	public enum ClientAuth {

		/** Clients are not asked for a certificate. */
		NONE,

		/** Clients are asked; one that presents an untrusted certificate is refused. */
		WANT,

		/** Clients must present a trusted certificate. */
		NEED

	}

}
