package dev.sockets.config;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.bind.DefaultValue;

import dev.sockets.listener.Protocol;
import dev.sockets.listener.Service;

/**
 * What a listener under {@code sockets.listeners.<name>} is; the rest of its settings are
 * those of {@link TcpListenerProperties} or {@link UdpListenerProperties}, by protocol.
 *
 * @param service the service it serves: {@code time}, {@code echo} or {@code chat}
 * @param protocol {@code tcp} or {@code udp}
 */
public record ListenerKind(@NotNull Service service, @DefaultValue("tcp") Protocol protocol) {
}
