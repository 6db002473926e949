package dev.sockets.flows;

import java.util.ArrayList;
import java.util.List;

import dev.sockets.config.ListenerDefinition;
import dev.sockets.config.ListenerDefinitions;
import dev.sockets.listener.Listener;

/**
 * Every configured listener, with the flows that connect it to its service: the one place
 * that knows both the services and the transports.
 */
final class ListenerFlows {

	private final List<Listener> listeners = new ArrayList<>();

	ListenerFlows(ListenerDefinitions definitions, FlowRegistry registry, TimeFlows time, EchoFlows echo,
			ChatFlows chat) {
		for (ListenerDefinition definition : definitions.enabled()) {
			this.listeners.add(switch (definition) {
				case ListenerDefinition.Tcp tcp -> switch (tcp.id().service()) {
					case TIME -> time.tcp(tcp, registry);
					case ECHO -> echo.tcp(tcp, registry);
					case CHAT -> chat.tcp(tcp, registry);
				};
				case ListenerDefinition.Udp udp -> switch (udp.id().service()) {
					case TIME -> time.udp(udp, registry);
					case ECHO -> echo.udp(udp, registry);
					case CHAT -> throw new IllegalStateException("chat has no UDP listener: " + udp.id());
				};
			});
		}
	}

	List<Listener> listeners() {
		return this.listeners;
	}

}
