package dev.sockets.config;

import java.net.InetAddress;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import dev.sockets.limits.AccessRules;
import dev.sockets.limits.AddressRange;
import dev.sockets.time.TimeFormat;

/**
 * One UDP listener: {@code sockets.<service>.udp.*}, or
 * {@code sockets.listeners.<name>.*} with {@code protocol: udp}.
 *
 * @param enabled whether the listener is started
 * @param address local address to listen on; empty for {@code sockets.bind-address}
 * @param port UDP port to listen on; 0 picks a free port, which is logged at startup
 * @param maxDatagramSize largest datagram served; a larger one is dropped (UDP has no way
 * to say why)
 * @param reuseAddress whether to set SO_REUSEADDR on the socket
 * @param receiveBufferSize the socket's receive buffer (SO_RCVBUF): datagrams that arrive
 * while the listener is busy wait here, and are lost once it is full; the kernel caps it
 * at {@code net.core.rmem_max}
 * @param allow addresses and CIDR ranges whose datagrams are answered; empty for everyone
 * @param deny addresses and CIDR ranges whose datagrams are dropped even if allowed
 * @param ratePerSource datagrams answered per second for one client, in bursts of up to
 * twice that; the rest are dropped, so the listener cannot be used to flood a spoofed
 * address; 0 for no limit
 * @param ipv6PrefixLength how many leading bits of an IPv6 address make one client for
 * the per-source rate (64: a /64 is one client); IPv4 clients are counted by address
 * @param timeFormat how a time listener writes the time; empty for
 * {@code sockets.time.format}
 */
public record UdpListenerProperties(@DefaultValue("true") boolean enabled, InetAddress address,
		@Min(0) @Max(65535) Integer port, @DefaultValue("2KB") @PositiveSize DataSize maxDatagramSize,
		@DefaultValue("true") boolean reuseAddress, @DefaultValue("4MB") @PositiveSize DataSize receiveBufferSize,
		@DefaultValue List<AddressRange> allow, @DefaultValue List<AddressRange> deny,
		@DefaultValue("50") @Min(0) int ratePerSource, @DefaultValue("64") @Min(0) @Max(128) int ipv6PrefixLength,
		TimeFormat timeFormat) {

	public UdpListenerProperties {
		allow = (allow != null) ? List.copyOf(allow) : List.of();
		deny = (deny != null) ? List.copyOf(deny) : List.of();
	}

	UdpListenerProperties withDefaultPort(int defaultPort) {
		return (this.port != null) ? this
				: new UdpListenerProperties(this.enabled, this.address, defaultPort, this.maxDatagramSize,
						this.reuseAddress, this.receiveBufferSize, this.allow, this.deny, this.ratePerSource,
						this.ipv6PrefixLength, this.timeFormat);
	}

	/**
	 * @return whose datagrams are answered
	 */
	public AccessRules accessRules() {
		return new AccessRules(this.allow, this.deny);
	}

}
