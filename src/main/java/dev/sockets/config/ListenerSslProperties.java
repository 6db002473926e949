package dev.sockets.config;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * TLS for one TCP listener, from a Spring Boot SSL bundle ({@code spring.ssl.bundle.*}).
 *
 * @param bundle name of the SSL bundle holding the server's key and certificate (and, for
 * client certificates, the trusted CAs); empty for plain TCP. A bundle with
 * {@code reload-on-update: true} is reloaded when its files change, without a restart
 * @param clientAuth whether clients must present a certificate the bundle's trust store
 * accepts: {@code none}, {@code want} (asked, not required) or {@code need}
 */
public record ListenerSslProperties(@DefaultValue("") String bundle, @DefaultValue("none") ClientAuth clientAuth) {

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
