package dev.sockets.observability;

import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

import org.springframework.boot.convert.DurationStyle;

import dev.sockets.listener.CloseReason;
import dev.sockets.listener.ConnectionInfo;
import dev.sockets.listener.DatagramDrop;
import dev.sockets.listener.DeliveryDrop;
import dev.sockets.listener.Listener;
import dev.sockets.listener.ListenerId;
import dev.sockets.listener.Protocol;
import dev.sockets.listener.Rejection;
import dev.sockets.listener.Service;
import dev.sockets.listener.TelnetCommand;
import dev.sockets.listener.TlsFailure;
import dev.sockets.listener.TrafficRecorder;

/**
 * The meters of one listener, tagged {@code listener}, {@code service}, {@code protocol}
 * and {@code port}. Every series a listener can have is registered up front, at zero, so
 * that rates and alerts work before the first event of each kind. What is read from the
 * listener rather than counted as it works is in {@link ListenerGauges}.
 */
final class ListenerMeters implements TrafficRecorder {

	static final String DATAGRAMS_DROPPED = "Datagrams not answered, by reason";

	/**
	 * Histogram buckets of the handling time: enough for percentiles, few enough to keep
	 * series down.
	 */
	private static final Duration[] HANDLING_BUCKETS = Stream
		.of(100_000L, 250_000L, 500_000L, 1_000_000L, 2_500_000L, 5_000_000L, 10_000_000L, 25_000_000L, 50_000_000L,
				100_000_000L, 250_000_000L, 500_000_000L, 1_000_000_000L, 2_500_000_000L, 5_000_000_000L)
		.map(Duration::ofNanos)
		.toArray(Duration[]::new);

	/**
	 * Histogram buckets of connection durations: from a time client's few milliseconds to
	 * a chat session's day, so that quantiles add up across replicas.
	 */
	private static final Duration[] CONNECTION_BUCKETS = Stream
		.of("10ms", "50ms", "100ms", "500ms", "1s", "5s", "10s", "30s", "1m", "5m", "15m", "30m", "1h", "2h", "6h",
				"12h", "24h")
		.map(ListenerMeters::duration)
		.toArray(Duration[]::new);

	/** Histogram buckets of TLS handshake times, from a local client's to a far one's. */
	private static final Duration[] HANDSHAKE_BUCKETS = Stream
		.of("1ms", "2ms", "5ms", "10ms", "25ms", "50ms", "100ms", "250ms", "500ms", "1s", "2500ms", "5s", "10s")
		.map(ListenerMeters::duration)
		.toArray(Duration[]::new);

	private final AtomicInteger active = new AtomicInteger();

	private final Counter opened;

	private final Map<CloseReason, Counter> closed = new EnumMap<>(CloseReason.class);

	private final Map<Rejection, Counter> rejected = new EnumMap<>(Rejection.class);

	private final Map<String, Counter> errors = new HashMap<>();

	private final Timer duration;

	/** Lines that were not valid UTF-8; null for UDP listeners. */
	private final Counter malformed;

	private final Counter bytesReceived;

	private final Counter bytesSent;

	private final Counter messagesReceived;

	private final Counter messagesSent;

	private final Timer handling;

	private final Map<DeliveryDrop, Counter> dropped = new EnumMap<>(DeliveryDrop.class);

	/** For chat, every message sent is a delivery; null for other listeners. */
	private final Counter deliveries;

	private final Counter datagramsReceived;

	private final Counter datagramsAnswered;

	private final Map<DatagramDrop, Counter> datagramsDropped = new EnumMap<>(DatagramDrop.class);

	/** Telnet commands by kind; empty for listeners that never speak telnet. */
	private final Map<TelnetCommand, Counter> telnetCommands = new EnumMap<>(TelnetCommand.class);

	/** TLS listeners only: handshakes that succeeded, and their times. */
	private final Counter handshakes;

	private final Timer handshakeTime;

	private final Map<TlsFailure, Counter> handshakeFailures = new EnumMap<>(TlsFailure.class);

	private final Counter readsPaused;

	private final ConnectionLog log;

	ListenerMeters(MeterRegistry registry, Listener listener, ConnectionLog log) {
		this.log = log;
		ListenerId id = listener.id();
		Tags tags = tags(id, listener.localAddress().getPort());
		this.bytesReceived = Counter.builder("sockets.received")
			.baseUnit("bytes")
			.description("Bytes received from clients")
			.tags(tags)
			.register(registry);
		this.bytesSent = Counter.builder("sockets.sent")
			.baseUnit("bytes")
			.description("Bytes sent to clients")
			.tags(tags)
			.register(registry);
		this.messagesReceived = Counter.builder("sockets.messages.received")
			.description("Lines, raw chunks or datagrams received")
			.tags(tags)
			.register(registry);
		this.messagesSent = Counter.builder("sockets.messages.sent")
			.description("Lines, raw chunks or datagrams sent")
			.tags(tags)
			.register(registry);
		this.handling = Timer.builder("sockets.handling")
			.description("Time the flow took to handle what one read (or one datagram) brought in")
			.tags(tags)
			.serviceLevelObjectives(HANDLING_BUCKETS)
			.register(registry);
		if (id.protocol() == Protocol.TCP) {
			Gauge.builder("sockets.connections.active", this.active, AtomicInteger::get)
				.description("Connections open now")
				.tags(tags)
				.register(registry);
			this.opened = Counter.builder("sockets.connections.opened")
				.description("Connections accepted")
				.tags(tags)
				.register(registry);
			for (CloseReason reason : CloseReason.values()) {
				this.closed.put(reason,
						Counter.builder("sockets.connections.closed")
							.description("Connections closed, by reason")
							.tags(tags)
							.tag("reason", reason.tag())
							.register(registry));
			}
			for (Rejection reason : Rejection.values()) {
				this.rejected.put(reason,
						Counter.builder("sockets.connections.rejected")
							.description("Connections turned away before being served, by reason")
							.tags(tags)
							.tag("reason", reason.tag())
							.register(registry));
			}
			for (String kind : List.of("framing", "timeout", "io", "internal")) {
				this.errors.put(kind, Counter.builder("sockets.errors")
					.description(
							"Errors: framing (line too long), timeout (idle, unfinished line) and io (reset) end a connection;"
									+ " internal (the service failed on a client's input) does not")
					.tags(tags)
					.tag("kind", kind)
					.register(registry));
			}
			this.malformed = Counter.builder("sockets.messages.malformed")
				.description("Lines that were not valid UTF-8, served with U+FFFD in place of the bad bytes")
				.tags(tags)
				.register(registry);
			this.duration = Timer.builder("sockets.connection.duration")
				.description("How long connections stayed open")
				.tags(tags)
				.serviceLevelObjectives(CONNECTION_BUCKETS)
				.register(registry);
			this.readsPaused = Counter.builder("sockets.reads.paused")
				.description("Times reading from a client stopped until it read the replies it had asked for"
						+ " (max-pending-output reached)")
				.tags(tags)
				.register(registry);
			if (listener.isTls()) {
				String description = "TLS handshakes, by outcome (success, failure) and the reason of a failure";
				this.handshakes = Counter.builder("sockets.tls.handshakes")
					.description(description)
					.tags(tags)
					.tags("outcome", "success", "reason", "none")
					.register(registry);
				for (TlsFailure reason : TlsFailure.values()) {
					this.handshakeFailures.put(reason,
							Counter.builder("sockets.tls.handshakes")
								.description(description)
								.tags(tags)
								.tags("outcome", "failure", "reason", reason.tag())
								.register(registry));
				}
				this.handshakeTime = Timer.builder("sockets.tls.handshake")
					.description("Time successful TLS handshakes took, from the connection's admission")
					.tags(tags)
					.serviceLevelObjectives(HANDSHAKE_BUCKETS)
					.register(registry);
			}
			else {
				this.handshakes = null;
				this.handshakeTime = null;
			}
			boolean chat = id.service() == Service.CHAT;
			this.deliveries = chat ? Counter.builder("sockets.chat.deliveries")
				.description("Chat lines delivered to members")
				.tags(tags)
				.register(registry) : null;
			String droppedName = chat ? "sockets.chat.deliveries.dropped" : "sockets.messages.dropped";
			for (DeliveryDrop reason : DeliveryDrop.values()) {
				this.dropped.put(reason, Counter.builder(droppedName)
					.description("Messages for a client that were not delivered: it had gone, or read too slowly")
					.tags(tags)
					.tag("reason", reason.tag())
					.register(registry));
			}
			if (id.service() != Service.TIME) {
				// Time listeners read nothing; echo and chat may have telnet clients.
				for (TelnetCommand command : TelnetCommand.values()) {
					this.telnetCommands.put(command,
							Counter.builder("sockets.telnet.commands")
								.description("Telnet commands clients sent, taken out of their input, by kind")
								.tags(tags)
								.tag("command", command.tag())
								.register(registry));
				}
			}
			this.datagramsReceived = null;
			this.datagramsAnswered = null;
		}
		else {
			this.opened = null;
			this.malformed = null;
			this.duration = null;
			this.readsPaused = null;
			this.handshakes = null;
			this.handshakeTime = null;
			this.deliveries = null;
			this.datagramsReceived = Counter.builder("sockets.datagrams.received")
				.description("Datagrams received")
				.tags(tags)
				.register(registry);
			this.datagramsAnswered = Counter.builder("sockets.datagrams.answered")
				.description("Datagrams answered")
				.tags(tags)
				.register(registry);
			for (DatagramDrop reason : DatagramDrop.values()) {
				// The kernel counts its own drops: ListenerGauges reads them.
				if (reason != DatagramDrop.KERNEL) {
					this.datagramsDropped.put(reason,
							Counter.builder("sockets.datagrams.dropped")
								.description(DATAGRAMS_DROPPED)
								.tags(tags)
								.tag("reason", reason.tag())
								.register(registry));
				}
			}
		}
	}

	@Override
	public void opened(ConnectionInfo connection) {
		this.active.incrementAndGet();
		this.opened.increment();
	}

	@Override
	public void closed(ConnectionInfo connection, CloseReason reason) {
		this.active.decrementAndGet();
		this.closed.get(reason).increment();
		String kind = switch (reason) {
			case LINE_TOO_LONG -> "framing";
			case IDLE, UNFINISHED_LINE -> "timeout";
			case RESET -> "io";
			default -> null;
		};
		if (kind != null) {
			this.errors.get(kind).increment();
		}
		this.duration.record(connection.age().toNanos(), TimeUnit.NANOSECONDS);
		this.log.closed(connection, reason);
	}

	@Override
	public void rejected(Rejection reason) {
		this.rejected.get(reason).increment();
	}

	@Override
	public void tlsHandshakeSucceeded(long nanos) {
		this.handshakes.increment();
		this.handshakeTime.record(nanos, TimeUnit.NANOSECONDS);
	}

	@Override
	public void tlsHandshakeFailed(TlsFailure reason) {
		this.handshakeFailures.get(reason).increment();
	}

	@Override
	public void readsPaused() {
		this.readsPaused.increment();
	}

	@Override
	public void bytesReceived(long bytes) {
		this.bytesReceived.increment(bytes);
	}

	@Override
	public void bytesSent(long bytes) {
		this.bytesSent.increment(bytes);
	}

	@Override
	public void handled(int messages, long nanos) {
		this.messagesReceived.increment(messages);
		this.handling.record(nanos, TimeUnit.NANOSECONDS);
	}

	@Override
	public void failed() {
		this.errors.get("internal").increment();
	}

	@Override
	public void malformed() {
		this.malformed.increment();
	}

	@Override
	public void telnetCommand(TelnetCommand command) {
		Counter counter = this.telnetCommands.get(command);
		if (counter != null) {
			counter.increment();
		}
	}

	@Override
	public void sent(int messages) {
		this.messagesSent.increment(messages);
		if (this.deliveries != null) {
			this.deliveries.increment(messages);
		}
	}

	@Override
	public void dropped(DeliveryDrop reason) {
		this.dropped.get(reason).increment();
	}

	@Override
	public void datagramReceived(int bytes) {
		this.datagramsReceived.increment();
		this.bytesReceived.increment(bytes);
	}

	@Override
	public void datagramAnswered(int bytes) {
		this.datagramsAnswered.increment();
		this.messagesSent.increment();
		this.bytesSent.increment(bytes);
	}

	@Override
	public void datagramDropped(DatagramDrop reason) {
		Counter dropped = this.datagramsDropped.get(reason);
		if (dropped != null) {
			dropped.increment();
		}
	}

	private static Duration duration(String text) {
		return DurationStyle.detectAndParse(text);
	}

	/**
	 * @return the tags of every series of a listener: its name, service, protocol and
	 * port
	 */
	static Tags tags(ListenerId listener, int port) {
		return Tags.of("listener", listener.name(), "service", listener.service().id(), "protocol",
				listener.protocol().id(), "port", String.valueOf(port));
	}

}
