package dev.sockets.transport;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * One UDP listener.
 *
 * @param enabled whether the listener is started
 * @param port UDP port to listen on; 0 picks a free port, which is logged at startup
 * @param maxDatagramSize largest datagram served; a larger one is dropped (UDP has no way to say why)
 * @param reuseAddress whether to set SO_REUSEADDR on the socket
 * @param receiveBufferSize the socket's receive buffer (SO_RCVBUF): datagrams that arrive while the
 * listener is busy wait here, and are lost once it is full; the kernel caps it at
 * {@code net.core.rmem_max}
 */
public record UdpListenerProperties(
		@DefaultValue("true") boolean enabled,
		@Min(0) @Max(65535) Integer port,
		@DefaultValue("2KB") @PositiveSize DataSize maxDatagramSize,
		@DefaultValue("true") boolean reuseAddress,
		@DefaultValue("4MB") @PositiveSize DataSize receiveBufferSize) {

	UdpListenerProperties withDefaultPort(int defaultPort) {
		return (this.port != null) ? this : new UdpListenerProperties(this.enabled, defaultPort,
				this.maxDatagramSize, this.reuseAddress, this.receiveBufferSize);
	}

}
