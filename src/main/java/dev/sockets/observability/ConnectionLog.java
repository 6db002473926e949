package dev.sockets.observability;

import java.util.Locale;

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
		double seconds = connection.age().toNanos() / 1e9;
		LoggingEventBuilder event = logger.atInfo()
			.addKeyValue("listener", connection.listener().name())
			.addKeyValue("connection", connection.id())
			.addKeyValue("remote", remote);
		if (proxy != null) {
			event = event.addKeyValue("proxy", proxy);
		}
		event.addKeyValue("duration_seconds", seconds)
			.addKeyValue("bytes_in", connection.bytesIn())
			.addKeyValue("bytes_out", connection.bytesOut())
			.addKeyValue("reason", reason.tag())
			.log(String.format(Locale.ROOT, "%s %s%s closed after %.3f s (%s): %d bytes in, %d bytes out",
					connection.listener().name(), remote, (proxy != null) ? " via " + proxy : "", seconds,
					reason.description(), connection.bytesIn(), connection.bytesOut()));
	}

}
