package dev.sockets.config;

import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import dev.sockets.limits.AccessRules;
import dev.sockets.limits.AddressRange;

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
 * @param allow addresses and CIDR ranges whose datagrams are answered; empty for everyone
 * @param deny addresses and CIDR ranges whose datagrams are dropped even if allowed
 * @param ratePerSource datagrams answered per second for one client address, in bursts of up to
 * twice that; the rest are dropped, so the listener cannot be used to flood a spoofed address; 0
 * for no limit
 */
public record UdpListenerProperties(
		@DefaultValue("true") boolean enabled,
		@Min(0) @Max(65535) Integer port,
		@DefaultValue("2KB") @PositiveSize DataSize maxDatagramSize,
		@DefaultValue("true") boolean reuseAddress,
		@DefaultValue("4MB") @PositiveSize DataSize receiveBufferSize,
		@DefaultValue List<AddressRange> allow,
		@DefaultValue List<AddressRange> deny,
		@DefaultValue("50") @Min(0) int ratePerSource) {

	public UdpListenerProperties {
		allow = (allow != null) ? List.copyOf(allow) : List.of();
		deny = (deny != null) ? List.copyOf(deny) : List.of();
	}

	UdpListenerProperties withDefaultPort(int defaultPort) {
		return (this.port != null) ? this : new UdpListenerProperties(this.enabled, defaultPort,
				this.maxDatagramSize, this.reuseAddress, this.receiveBufferSize, this.allow, this.deny,
				this.ratePerSource);
	}

	/**
	 * @return whose datagrams are answered
	 */
	public AccessRules accessRules() {
		return new AccessRules(this.allow, this.deny);
	}

}
