package dev.sockets.transport;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * One TCP listener.
 *
 * @param enabled whether the listener is started
 * @param port TCP port to listen on; 0 picks a free port, which is logged at startup
 * @param framing how input is cut into lines: {@code lf} (LF or CRLF), {@code crlf} (CRLF only) or
 * {@code raw} (no framing, binary-safe; echo only)
 * @param maxLineLength longest line accepted; a longer one gets {@code ERR line too long (max N bytes)}
 * and the connection is closed
 * @param idleTimeout how long a connection may send nothing before it is told {@code ERR idle timeout}
 * and closed; 0 for never
 * @param maxConnections most connections open at once; the next one is told
 * {@code ERR too many connections} and closed
 * @param backlog connections the operating system queues while they wait to be accepted
 * @param reuseAddress whether to set SO_REUSEADDR, so a restart can bind while old connections of the
 * previous process are still in TIME_WAIT
 * @param maxPendingOutput most output held for a client that does not read: replies to its own input
 * wait for it (reading from it pauses), but a chat client that falls this far behind is disconnected
 */
public record TcpListenerProperties(
		@DefaultValue("true") boolean enabled,
		@Min(0) @Max(65535) Integer port,
		@DefaultValue("lf") Framing framing,
		@DefaultValue("8KB") @PositiveSize DataSize maxLineLength,
		@DefaultValue("5m") @DurationMin(nanos = 0) Duration idleTimeout,
		@DefaultValue("1000") @Positive int maxConnections,
		@DefaultValue("128") @Positive int backlog,
		@DefaultValue("true") boolean reuseAddress,
		@DefaultValue("256KB") @PositiveSize DataSize maxPendingOutput) {

	TcpListenerProperties withDefaultPort(int defaultPort) {
		return (this.port != null) ? this : new TcpListenerProperties(this.enabled, defaultPort, this.framing,
				this.maxLineLength, this.idleTimeout, this.maxConnections, this.backlog, this.reuseAddress,
				this.maxPendingOutput);
	}

}
