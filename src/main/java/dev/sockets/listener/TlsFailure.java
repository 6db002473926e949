package dev.sockets.listener;

import java.util.Locale;

/**
 * Why a TLS handshake failed, in terms an operator can act on.
 */
public enum TlsFailure {

	/**
	 * The client offered no protocol version the listener accepts (an old TLS, or a
	 * bundle restricted to newer ones): upgrade the client or widen the bundle's
	 * {@code enabled-protocols}.
	 */
	NO_COMMON_PROTOCOL,

	/**
	 * The client offered no cipher suite the listener accepts: check the bundle's
	 * {@code ciphers} against the client's.
	 */
	NO_COMMON_CIPHER,

	/**
	 * The listener needs a client certificate and the client sent none: the client is not
	 * configured with its certificate.
	 */
	CLIENT_CERTIFICATE_MISSING,

	/**
	 * The client's certificate is not signed by the bundle's trust store, has expired, or
	 * is not valid for a client.
	 */
	CLIENT_CERTIFICATE_UNTRUSTED,

	/**
	 * The client refused the listener's certificate (an unknown authority, an expired
	 * certificate, a name that does not match): check the certificate chain served.
	 */
	SERVER_CERTIFICATE_REJECTED,

	/** The client does not speak TLS: a plain-text client on a TLS port. */
	NOT_TLS,

	/** The handshake took longer than the listener's handshake timeout. */
	TIMEOUT,

	/**
	 * The client went away during the handshake, as a plain TCP health check does.
	 */
	CLIENT_CLOSED,

	/** Anything else; the log says what. */
	OTHER;

	/**
	 * @return the name used in metric tags
	 */
	public String tag() {
		return name().toLowerCase(Locale.ROOT);
	}

}
