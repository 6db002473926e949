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
import dev.sockets.listener.ListenerId;
import dev.sockets.listener.Protocol;

/**
 * Where the services listen.
 *
 * @param bindAddress address every listener binds to: {@code 0.0.0.0} for all IPv4 interfaces,
 * {@code ::} for all interfaces, {@code 127.0.0.1} for this host only
 * @param ioThreads threads that accept, read and write TCP connections; 0 for one per CPU
 * @param shutdownTimeout how long open connections get, on shutdown, to take what they were sent
 * and close; those still open after it are cut
 * @param time listeners of the time service (default port 7013)
 * @param echo listeners of the echo service (default port 7007)
 * @param chat listener of the chat service (default port 7070)
 */
@ConfigurationProperties("sockets")
@Validated
@ValidListeners
public record SocketsProperties(
		@DefaultValue("0.0.0.0") InetAddress bindAddress,
		@DefaultValue("0") @Min(0) int ioThreads,
		@DefaultValue("10s") @DurationMin(nanos = 0) Duration shutdownTimeout,
		@DefaultValue @Valid ServiceListeners time,
		@DefaultValue @Valid ServiceListeners echo,
		@DefaultValue @Valid ChatListeners chat) {

	public SocketsProperties {
		time = time.withDefaultPort(7013);
		echo = echo.withDefaultPort(7007);
		chat = chat.withDefaultPort(7070);
	}

	/**
	 * @return every TCP listener, enabled or not, in a stable order
	 */
	public Map<ListenerId, TcpListenerProperties> tcpListeners() {
		Map<ListenerId, TcpListenerProperties> listeners = new LinkedHashMap<>();
		listeners.put(new ListenerId("time", Protocol.TCP), this.time.tcp());
		listeners.put(new ListenerId("echo", Protocol.TCP), this.echo.tcp());
		listeners.put(new ListenerId("chat", Protocol.TCP), this.chat.tcp());
		return listeners;
	}

	/**
	 * @return every UDP listener, enabled or not, in a stable order
	 */
	public Map<ListenerId, UdpListenerProperties> udpListeners() {
		Map<ListenerId, UdpListenerProperties> listeners = new LinkedHashMap<>();
		listeners.put(new ListenerId("time", Protocol.UDP), this.time.udp());
		listeners.put(new ListenerId("echo", Protocol.UDP), this.echo.udp());
		return listeners;
	}

	/**
	 * The listeners of a service that speaks both protocols.
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
	 * The listener of the chat, which is TCP only.
	 *
	 * @param tcp the TCP listener
	 */
	public record ChatListeners(@DefaultValue @Valid @NestedConfigurationProperty TcpListenerProperties tcp) {

		ChatListeners withDefaultPort(int port) {
			return new ChatListeners(this.tcp.withDefaultPort(port));
		}

	}

}
