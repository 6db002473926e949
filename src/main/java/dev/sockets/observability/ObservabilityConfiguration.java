package dev.sockets.observability;

import java.util.LinkedHashMap;
import java.util.Map;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.sockets.chat.ChatService;
import dev.sockets.chat.RoomMemory;
import dev.sockets.cluster.ClusterLink;
import dev.sockets.listener.Listener;
import dev.sockets.listener.Listeners;

/**
 * Meters, health, info and the {@code sockets} endpoint.
 */
@Configuration(proxyBeanMethods = false)
class ObservabilityConfiguration {

	@Bean
	SocketsMeters socketsMeters(MeterRegistry registry) {
		return new SocketsMeters(registry, new ConnectionLog());
	}

	@Bean
	ChatMeters chatMeters(ChatService chat) {
		return new ChatMeters(chat);
	}

	@Bean
	RoomMemoryMeters roomMemoryMeters(RoomMemory memory) {
		return new RoomMemoryMeters(memory);
	}

	/**
	 * Spring Integration's own per-channel meters describe this application's internal
	 * plumbing; the {@code sockets.*} meters describe what clients see. Keep the
	 * exposition to the latter.
	 */
	@Bean
	MeterFilter integrationMetersFilter() {
		return MeterFilter.denyNameStartsWith("spring.integration");
	}

	/**
	 * Meters from libraries whose Prometheus names break the exposition conventions that
	 * {@code promtool check metrics} enforces (abbreviated units, a {@code _count} suffix
	 * on a gauge, no help text), and that say nothing about this service: HTTP sessions
	 * of the management server.
	 */
	@Bean
	MeterFilter nonConformingMetersFilter() {
		return MeterFilter.deny((id) -> switch (id.getName()) {
			case "jvm.compilation.time", "process.cpu.time", "system.cpu.count" -> true;
			default -> id.getName().startsWith("tomcat.sessions");
		});
	}

	/**
	 * Micrometer's Netty meters come without help text, and the allocator's without their
	 * unit; both are what the exposition conventions ask for.
	 */
	@Bean
	MeterFilter nettyMetersDescriptions() {
		return new MeterFilter() {
			@Override
			public Meter.Id map(Meter.Id id) {
				return switch (id.getName()) {
					case "netty.allocator.memory.used" ->
						described(id, "bytes", "Memory the Netty allocator of the TCP connections' buffers holds");
					case "netty.allocator.memory.pinned" ->
						described(id, "bytes", "Memory of the Netty allocator that buffers in use pin");
					case "netty.eventexecutor.tasks.pending" -> described(id, null,
							"Tasks waiting for a Netty event loop thread (group io: the I/O threads, accept: the acceptor)");
					case "netty.eventexecutor.workers" -> described(id, null, "Threads of a Netty event loop group");
					default -> id;
				};
			}
		};
	}

	private static Meter.Id described(Meter.Id id, String baseUnit, String description) {
		return new Meter.Id(id.getName(), Tags.of(id.getTagsAsIterable()),
				(baseUnit != null) ? baseUnit : id.getBaseUnit(), description, id.getType());
	}

	/**
	 * {@code /actuator/health/listeners}, one member per listener, by name, e.g.
	 * {@code echo-tcp}.
	 */
	@Bean
	CompositeHealthContributor listenersHealthContributor(Listeners listeners) {
		Map<String, Listener> byName = new LinkedHashMap<>();
		listeners.all().forEach((listener) -> byName.put(listener.id().name(), listener));
		return CompositeHealthContributor.fromMap(byName, ListenerHealth::new);
	}

	@Bean
	ReadinessLog readinessLog() {
		return new ReadinessLog();
	}

	@Bean
	ListenersInfo listenersInfo(Listeners listeners) {
		return new ListenersInfo(listeners);
	}

	@Bean
	SocketsEndpoint socketsEndpoint(Listeners listeners, ChatService chat) {
		return new SocketsEndpoint(listeners, chat);
	}

	/**
	 * The chat cluster's link, where there is one ({@code sockets.chat.cluster=redis}).
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = "sockets.chat.cluster", havingValue = "redis")
	static class ChatClusterObservability {

		@Bean
		ChatClusterMeters chatClusterMeters(ClusterLink link) {
			return new ChatClusterMeters(link);
		}

		/**
		 * {@code /actuator/health/chatCluster}.
		 */
		@Bean
		HealthIndicator chatClusterHealthIndicator(ClusterLink link) {
			return new ChatClusterHealth(link);
		}

	}

}
