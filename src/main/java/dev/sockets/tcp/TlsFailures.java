package dev.sockets.tcp;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLException;

import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandshakeTimeoutException;

import dev.sockets.listener.TlsFailure;

/**
 * Tells why a TLS handshake failed, from what the JDK's TLS engine and Netty's handler
 * report.
 * <p>
 * The JDK names the TLS alert of a failure it raised itself in parentheses at the start
 * of its message ({@code (protocol_version) Client requested protocol TLSv1.2 is not
 * enabled}), and one the client sent after {@code Alert:} or {@code Received fatal
 * alert:}; alerts are defined by the TLS specifications, so they are what is read here,
 * the words around them only where one alert has several causes.
 */
final class TlsFailures {

	private static final Pattern RAISED = Pattern.compile("^\\(([a-z_]+)\\)");

	private static final Pattern RECEIVED = Pattern.compile("(?:Received fatal alert|Alert): ([a-z_]+)");

	private TlsFailures() {
	}

	static TlsFailure classify(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			TlsFailure reason = classifyOne(cause);
			if (reason != null) {
				return reason;
			}
		}
		return TlsFailure.OTHER;
	}

	private static TlsFailure classifyOne(Throwable cause) {
		if (cause instanceof SslHandshakeTimeoutException) {
			return TlsFailure.TIMEOUT;
		}
		if (cause instanceof NotSslRecordException) {
			return TlsFailure.NOT_TLS;
		}
		if (cause instanceof ClosedChannelException
				|| (cause instanceof IOException && !(cause instanceof SSLException))) {
			return TlsFailure.CLIENT_CLOSED;
		}
		String message = (cause.getMessage() != null) ? cause.getMessage() : "";
		Matcher raised = RAISED.matcher(message);
		if (raised.find()) {
			return raised(raised.group(1), message.toLowerCase(Locale.ROOT));
		}
		Matcher received = RECEIVED.matcher(message);
		if (received.find()) {
			return received(received.group(1));
		}
		return null;
	}

	/**
	 * @return the reason for an alert this side raised
	 */
	private static TlsFailure raised(String alert, String message) {
		return switch (alert) {
			case "protocol_version" -> TlsFailure.NO_COMMON_PROTOCOL;
			case "insufficient_security" -> TlsFailure.NO_COMMON_CIPHER;
			case "handshake_failure" -> message.contains("cipher") ? TlsFailure.NO_COMMON_CIPHER
					: message.contains("protocol") ? TlsFailure.NO_COMMON_PROTOCOL : TlsFailure.OTHER;
			case "certificate_required" -> TlsFailure.CLIENT_CERTIFICATE_MISSING;
			case "bad_certificate", "certificate_unknown", "certificate_expired", "certificate_revoked",
					"unsupported_certificate", "unknown_ca", "access_denied" ->
				message.contains("empty client certificate chain") ? TlsFailure.CLIENT_CERTIFICATE_MISSING
						: TlsFailure.CLIENT_CERTIFICATE_UNTRUSTED;
			default -> TlsFailure.OTHER;
		};
	}

	/**
	 * @return the reason for an alert the client sent
	 */
	private static TlsFailure received(String alert) {
		return switch (alert) {
			case "bad_certificate", "certificate_unknown", "certificate_expired", "certificate_revoked",
					"unsupported_certificate", "unknown_ca" ->
				TlsFailure.SERVER_CERTIFICATE_REJECTED;
			case "protocol_version" -> TlsFailure.NO_COMMON_PROTOCOL;
			case "insufficient_security" -> TlsFailure.NO_COMMON_CIPHER;
			default -> TlsFailure.OTHER;
		};
	}

}
