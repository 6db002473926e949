package dev.sockets.listener;

import java.util.Locale;

/**
 * Names one listener: {@code echo-tcp} for the shorthand {@code sockets.echo.tcp.*}, or
 * the name an operator gave it under {@code sockets.listeners}, such as {@code chat-tls}.
 *
 * @param name the listener's name, unique in the service; used in logs, health, metric
 * tags and connection ids
 * @param service the service it serves
 * @param protocol its transport protocol
 * @param propertyPrefix the properties that configure it, e.g. {@code sockets.echo.tcp}
 * or {@code sockets.listeners.chat-tls}
 */
public record ListenerId(String name, Service service, Protocol protocol, String propertyPrefix) {

	/**
	 * @return the listener that {@code sockets.<service>.<key>.*} configures, named
	 * {@code <service>-<key>}, e.g. {@code echo-tcp}
	 */
	public static ListenerId shorthand(Service service, String key, Protocol protocol) {
		return new ListenerId(service.id() + "-" + key, service, protocol, "sockets." + service.id() + "." + key);
	}

	/**
	 * @return the listener that {@code sockets.listeners.<name>.*} configures
	 */
	public static ListenerId named(String name, Service service, Protocol protocol) {
		return new ListenerId(name, service, protocol, "sockets.listeners." + name);
	}

	/**
	 * @param property a property of the listener, e.g. {@code port}
	 * @return the property's full name, e.g. {@code sockets.listeners.chat-tls.port}
	 */
	public String property(String property) {
		return this.propertyPrefix + "." + property;
	}

	/**
	 * @param property a property of the listener, e.g. {@code port}
	 * @return the environment variable that sets it, e.g.
	 * {@code SOCKETS_LISTENERS_CHATTLS_PORT}
	 */
	public String variable(String property) {
		return property(property).replace("-", "").replace('.', '_').toUpperCase(Locale.ROOT);
	}

	/**
	 * @return what it is, as logs say it: {@code chat-tls (chat over tcp)}
	 */
	public String describe() {
		return this.name + " (" + this.service.id() + " over " + this.protocol.id() + ")";
	}

	@Override
	public String toString() {
		return this.name;
	}

}
