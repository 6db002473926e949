package dev.sockets.observability;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

import dev.sockets.listener.Addresses;
import dev.sockets.listener.CloseReason;
import dev.sockets.listener.ConnectionInfo;

/**
 * One line per closed connection, like xinetd's {@code log_on_success}: which listener,
 * who (the client's own address, behind a proxy too), how long, how many bytes each way,
 * and why it ended. The values are also attached as key-value pairs, so structured
 * logging ({@code logging.structured.format.console=ecs}) carries them as fields. Logged
 * at INFO under {@code dev.sockets.connections}: set that logger to {@code off} to
 * silence it.
 */
final class ConnectionLog {

	static final String LOGGER = "dev.sockets.connections";

	private static final Logger logger = LoggerFactory.getLogger(LOGGER);

	void closed(ConnectionInfo connection, CloseReason reason) {
		if (!logger.isInfoEnabled()) {
			return;
		}
		String remote = connection.remote();
		String proxy = (connection.proxyAddress() != null) ? Addresses.display(connection.proxyAddress()) : null;
		long millis = Math.round(connection.age().toNanos() / 1e6);
		LoggingEventBuilder event = logger.atInfo()
			.addKeyValue("listener", connection.listener().name())
			.addKeyValue("connection", connection.id())
			.addKeyValue("remote", remote);
		if (proxy != null) {
			event = event.addKeyValue("proxy", proxy);
		}
		event.addKeyValue("duration_seconds", millis / 1e3)
			.addKeyValue("bytes_in", connection.bytesIn())
			.addKeyValue("bytes_out", connection.bytesOut())
			.addKeyValue("reason", reason.tag())
			.log(message(connection, remote, proxy, millis, reason));
	}

	/**
	 * The line itself, put together by hand: with a line for every connection, a format
	 * string parsed each time was a visible share of what a short connection cost.
	 */
	private static String message(ConnectionInfo connection, String remote, String proxy, long millis,
			CloseReason reason) {
		StringBuilder line = new StringBuilder(96).append(connection.listener().name()).append(' ').append(remote);
		if (proxy != null) {
			line.append(" via ").append(proxy);
		}
		line.append(" closed after ").append(millis / 1000).append('.');
		long fraction = millis % 1000;
		if (fraction < 100) {
			line.append((fraction < 10) ? "00" : "0");
		}
		return line.append(fraction)
			.append(" s (")
			.append(reason.description())
			.append("): ")
			.append(connection.bytesIn())
			.append(" bytes in, ")
			.append(connection.bytesOut())
			.append(" bytes out")
			.toString();
	}

}
