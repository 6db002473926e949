package dev.sockets.config;

import java.time.Duration;
import java.util.List;

import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.bind.DefaultValue;

import dev.sockets.limits.AddressRange;

/**
 * The PROXY protocol (HAProxy's v1 text and v2 binary headers) on a TCP listener behind a
 * load balancer, so that every check that looks at the client sees the client's address
 * rather than the balancer's.
 *
 * @param mode {@code off} (no header is read), {@code optional} (a trusted proxy may send
 * a header; connections without one are served as they come) or {@code required} (every
 * connection must come from a trusted proxy and begin with a header)
 * @param trustedProxies addresses and CIDR ranges of the proxies whose headers are
 * believed
 * @param headerTimeout how long a connection may take to send its header before it is
 * closed; nothing is served before the header arrives
 */
public record ProxyProtocolProperties(@DefaultValue("off") Mode mode, @DefaultValue List<AddressRange> trustedProxies,
		@DefaultValue("5s") @DurationMin(millis = 1) Duration headerTimeout) {

	public ProxyProtocolProperties {
		trustedProxies = (trustedProxies != null) ? List.copyOf(trustedProxies) : List.of();
	}

	/**
	 * @return whether headers are read at all
	 */
	public boolean enabled() {
		return this.mode != Mode.OFF;
	}

	/**
	 * Whether a listener reads PROXY protocol headers.
	 */
	public enum Mode {

		/** No header is read; the peer is the client. */
		OFF,

		/**
		 * A trusted proxy may send a header; a connection without one is served with the
		 * peer as the client.
		 */
		OPTIONAL,

		/** Every connection comes from a trusted proxy and starts with a header. */
		REQUIRED

	}

}
