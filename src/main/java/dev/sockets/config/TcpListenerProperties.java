package dev.sockets.config;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import dev.sockets.limits.AccessRules;
import dev.sockets.limits.AddressRange;
import dev.sockets.listener.Service;
import dev.sockets.time.TimeFormat;

/**
 * One TCP listener: {@code sockets.<service>.tcp.*}, or
 * {@code sockets.listeners.<name>.*} with {@code protocol: tcp}.
 *
 * @param enabled whether the listener is started
 * @param address local address to listen on; empty for {@code sockets.bind-address}
 * @param port TCP port to listen on; 0 picks a free port, which is logged at startup
 * @param framing how input is cut into lines: {@code lf} (LF or CRLF), {@code crlf} (CRLF
 * only) or {@code raw} (no framing, binary-safe; echo only)
 * @param telnet whether a line listener (chat, echo with {@code lf} or {@code crlf}
 * framing) speaks telnet: {@code auto} (once the client sends a telnet command, so that
 * {@code nc} users never see one), {@code on} (from the connect) or {@code off} (byte 255
 * is data); time and raw echo listeners never do
 * @param maxLineLength longest line accepted; a longer one gets
 * {@code ERR line too long (max N bytes)} and the connection is closed
 * @param idleTimeout how long a connection may send no complete line before it is told
 * {@code ERR idle timeout} and closed; 0 for never. Empty for the service's default: 5
 * minutes, and never for the chat, whose users may listen for hours (IRC's PING and TCP
 * keepalive find the dead ones)
 * @param lineTimeout how long a client may take to finish a line it has begun; one that
 * takes longer (a slowloris sending a byte now and then) is told
 * {@code ERR line not finished within N s} and closed; 0 for never
 * @param keepalive TCP keepalive on the listener's connections, which finds peers that
 * vanished without closing (a pulled cable, a rebooted NAT) and keeps idle connections
 * open through load balancers that drop quiet flows
 * @param maxConnections most connections open at once; the next one is told
 * {@code ERR too many connections} and closed
 * @param backlog connections the operating system queues while they wait to be accepted
 * @param reuseAddress whether to set SO_REUSEADDR, so a restart can bind while old
 * connections of the previous process are still in TIME_WAIT
 * @param maxPendingOutput most output held for a client that does not read: replies to
 * its own input wait for it (reading from it pauses), but a chat client that falls this
 * far behind is disconnected
 * @param allow addresses and CIDR ranges allowed to connect (e.g.
 * {@code 10.0.0.0/8, 2001:db8::/32}); empty for everyone
 * @param deny addresses and CIDR ranges refused even if allowed; a refused client is
 * closed at accept without a byte
 * @param maxConnectionsPerSource most connections open at once from one client; the next
 * one is told {@code ERR too many connections from your address} and closed
 * @param connectionRatePerSource new connections per second from one client, in bursts of
 * up to twice that; more are told {@code ERR too many new connections} and closed; 0 for
 * no limit
 * @param ipv6PrefixLength how many leading bits of an IPv6 address make one client for
 * the per-source limits (64: a /64 is one client); IPv4 clients are counted by address
 * @param ssl TLS for this listener
 * @param proxyProtocol PROXY protocol headers from a load balancer in front of this
 * listener
 * @param timeFormat how a time listener writes the time; empty for
 * {@code sockets.time.format}
 * @param greeting line an echo listener sends on connect; empty for
 * {@code sockets.echo.greeting}
 * @param replyPrefix text an echo listener puts before every echoed line; empty for
 * {@code sockets.echo.reply-prefix}
 */
public record TcpListenerProperties(@DefaultValue("true") boolean enabled, InetAddress address,
		@Min(0) @Max(65535) Integer port, @DefaultValue("lf") Framing framing, @DefaultValue("auto") TelnetMode telnet,
		@DefaultValue("8KB") @PositiveSize DataSize maxLineLength, @DurationMin(nanos = 0) Duration idleTimeout,
		@DefaultValue("1m") @DurationMin(nanos = 0) Duration lineTimeout,
		@DefaultValue @Valid @NestedConfigurationProperty TcpKeepaliveProperties keepalive,
		@DefaultValue("1000") @Positive int maxConnections, @DefaultValue("128") @Positive int backlog,
		@DefaultValue("true") boolean reuseAddress, @DefaultValue("256KB") @PositiveSize DataSize maxPendingOutput,
		@DefaultValue List<AddressRange> allow, @DefaultValue List<AddressRange> deny,
		@DefaultValue("64") @Positive int maxConnectionsPerSource,
		@DefaultValue("20") @Min(0) int connectionRatePerSource,
		@DefaultValue("64") @Min(0) @Max(128) int ipv6PrefixLength,
		@DefaultValue @Valid @NestedConfigurationProperty ListenerSslProperties ssl,
		@DefaultValue @Valid @NestedConfigurationProperty ProxyProtocolProperties proxyProtocol, TimeFormat timeFormat,
		String greeting, String replyPrefix) {

	public TcpListenerProperties {
		allow = (allow != null) ? List.copyOf(allow) : List.of();
		deny = (deny != null) ? List.copyOf(deny) : List.of();
	}

	TcpListenerProperties withDefaultPort(int defaultPort) {
		return (this.port != null) ? this : with(defaultPort, this.idleTimeout);
	}

	/**
	 * @param service the service the listener serves
	 * @return these settings with the idle timeout the service has unless one is set
	 */
	TcpListenerProperties withServiceDefaults(Service service) {
		return (this.idleTimeout != null) ? this
				: with(this.port, (service == Service.CHAT) ? Duration.ZERO : Duration.ofMinutes(5));
	}

	private TcpListenerProperties with(Integer port, Duration idleTimeout) {
		return new TcpListenerProperties(this.enabled, this.address, port, this.framing, this.telnet,
				this.maxLineLength, idleTimeout, this.lineTimeout, this.keepalive, this.maxConnections, this.backlog,
				this.reuseAddress, this.maxPendingOutput, this.allow, this.deny, this.maxConnectionsPerSource,
				this.connectionRatePerSource, this.ipv6PrefixLength, this.ssl, this.proxyProtocol, this.timeFormat,
				this.greeting, this.replyPrefix);
	}

	/**
	 * @return who may connect
	 */
	public AccessRules accessRules() {
		return new AccessRules(this.allow, this.deny);
	}

}
