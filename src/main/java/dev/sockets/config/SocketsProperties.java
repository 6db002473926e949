package dev.sockets.config;

import java.net.InetAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the services listen.
 *
 * @param bindAddress address every listener binds to unless it names its own:
 * {@code 0.0.0.0} for all IPv4 interfaces, {@code ::} for all interfaces,
 * {@code 127.0.0.1} for this host only
 * @param ioThreads threads that read and write TCP connections and, on Linux, receive and
 * answer UDP datagrams (a socket each on every UDP listener's port); 0 for one per CPU
 * @param shutdownTimeout how long open connections get, on shutdown, to take what they
 * were sent and close; those still open after it are cut
 * @param nativeHeapTrimInterval how often the native memory the JVM has freed (after
 * class loading, JIT compilations) is handed back to the operating system, as
 * {@code jcmd <pid> System.trim_native_heap} does, from the first time the service is
 * ready; 0 never. Linux with glibc only: elsewhere there is nothing to trim
 * @param time the default listeners of the time service (port 7013), named
 * {@code time-tcp} and {@code time-udp}
 * @param echo the default listeners of the echo service (port 7007), named
 * {@code echo-tcp} and {@code echo-udp}
 * @param chat the default listeners of the chat service: {@code chat-tcp} (port 7070) for
 * line users and {@code chat-irc} (port 6667) for IRC clients
 * @param listeners further listeners by name, each with the {@code service} it serves,
 * its {@code protocol} and its {@code port}, and any setting of a TCP or UDP listener
 */
@ConfigurationProperties("sockets")
@Validated
public record SocketsProperties(@DefaultValue("0.0.0.0") InetAddress bindAddress,
		@DefaultValue("0") @Min(0) int ioThreads, @DefaultValue("10s") @DurationMin(nanos = 0) Duration shutdownTimeout,
		@DefaultValue("10s") @DurationMin(nanos = 0) Duration nativeHeapTrimInterval,
		@DefaultValue @Valid ServiceListeners time, @DefaultValue @Valid ServiceListeners echo,
		@DefaultValue @Valid ChatListeners chat, @DefaultValue @Valid Map<String, ListenerKind> listeners) {

	public SocketsProperties {
		time = time.withDefaultPort(7013);
		echo = echo.withDefaultPort(7007);
		chat = chat.withDefaultPorts(7070, 6667);
		listeners = (listeners != null) ? new LinkedHashMap<>(listeners) : Map.of();
	}

	/**
	 * The default listeners of a service that speaks both protocols.
	 *
	 * @param tcp the TCP listener
	 * @param udp the UDP listener
	 */
	public record ServiceListeners(@DefaultValue @Valid @NestedConfigurationProperty TcpListenerProperties tcp,
			@DefaultValue @Valid @NestedConfigurationProperty UdpListenerProperties udp) {

		ServiceListeners withDefaultPort(int port) {
			return new ServiceListeners(this.tcp.withDefaultPort(port), this.udp.withDefaultPort(port));
		}

	}

	/**
	 * The default listeners of the chat, which is TCP only.
	 *
	 * @param tcp the listener for line users ({@code telnet}, {@code nc})
	 * @param irc the listener for IRC clients, which speaks IRC whatever its
	 * {@code dialect} says
	 */
	public record ChatListeners(@DefaultValue @Valid @NestedConfigurationProperty TcpListenerProperties tcp,
			@DefaultValue @Valid @NestedConfigurationProperty TcpListenerProperties irc) {

		ChatListeners withDefaultPorts(int linePort, int ircPort) {
			return new ChatListeners(this.tcp.withDefaultPort(linePort), this.irc.withDefaultPort(ircPort));
		}

	}

}
