package dev.sockets.listener;

import java.util.Locale;

/**
 * Names one listener: a service on a protocol, e.g. {@code echo/tcp}.
 *
 * @param service the service name: {@code time}, {@code echo} or {@code chat}
 * @param protocol the protocol
 */
public record ListenerId(String service, Protocol protocol) {

	/**
	 * @return the property prefix configuring this listener, e.g. {@code sockets.echo.tcp}
	 */
	public String propertyPrefix() {
		return "sockets." + this.service + "." + this.protocol.id();
	}

	/**
	 * @return the environment variable that sets this listener's port, e.g. {@code SOCKETS_ECHO_TCP_PORT}
	 */
	public String portVariable() {
		return (propertyPrefix() + ".port").replace('.', '_').toUpperCase(Locale.ROOT);
	}

	@Override
	public String toString() {
		return this.service + "/" + this.protocol.id();
	}

}
