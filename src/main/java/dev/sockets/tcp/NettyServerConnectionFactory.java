package dev.sockets.tcp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.util.ReferenceCountUtil;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.integration.ip.tcp.connection.TcpListener;
import org.springframework.integration.ip.tcp.connection.TcpSender;

import dev.sockets.config.ListenerDefinition;
import dev.sockets.config.TcpListenerProperties;
import dev.sockets.config.TelnetMode;
import dev.sockets.limits.ThrottledLog;
import dev.sockets.listener.Addresses;
import dev.sockets.listener.CloseReason;
import dev.sockets.listener.ConnectionInfo;
import dev.sockets.listener.ConnectionLimits;
import dev.sockets.listener.DeliveryDrop;
import dev.sockets.listener.Listener;
import dev.sockets.listener.ListenerBindException;
import dev.sockets.listener.ListenerId;
import dev.sockets.listener.ListenerState;
import dev.sockets.listener.ListenerStatus;
import dev.sockets.listener.Rejection;
import dev.sockets.listener.TlsFailure;
import dev.sockets.listener.TrafficRecorder;
import dev.sockets.listener.TrafficRecorders;

/**
 * A TCP listener: a Spring Integration server connection factory on Netty, used like the
 * built-in ones with {@code Tcp.inboundGateway} (echo, request and reply) or with
 * {@code Tcp.inboundAdapter} and {@code Tcp.outboundAdapter} (whatever a service says
 * first: the time, a greeting), or with {@code Tcp.inboundAdapter} and {@link #push}
 * (chat, whose output is fanned out).
 * <p>
 * Why not {@code TcpNetServerConnectionFactory} or {@code TcpNioServerConnectionFactory}:
 * the NET factory needs a thread per connection and writes and flushes every reply with a
 * blocking call; the NIO factory hands each read to an executor through a pipe, which
 * either grows without bound (the default cached pool) or stalls when the pool is
 * bounded. The benchmark's last rows run an echo flow on both: {@code Tcp.netServer} on
 * virtual threads echoes a few percent of what this factory does, and
 * {@code Tcp.nioServer} on a bounded pool stalls. Here a fixed set of I/O threads
 * ({@link EventLoops}) serves every connection, replies to one read are flushed together,
 * and slow readers get backpressure instead of threads.
 * <p>
 * The port is bound when the factory is initialized, so a taken port fails startup at
 * once, but connections are accepted only after {@link #startServing()}, once every flow
 * is ready. Each connection is admitted by the first stage of its pipeline
 * ({@link AdmissionHandler}); its opening and closing are reported from here to the
 * listener's recorder and to the flows' {@link ConnectionEventProducer}s.
 */
public final class NettyServerConnectionFactory extends AbstractServerConnectionFactory implements Listener {

	private static final Log logger = LogFactory.getLog(NettyServerConnectionFactory.class);

	private static final long CLOSE_TIMEOUT_MILLIS = 5_000;

	/** How often clients with nothing open are forgotten. */
	private static final long SWEEP_SECONDS = 10;

	private final ListenerId id;

	private final InetSocketAddress bindAddress;

	private final TcpListenerProperties settings;

	private final Dialogue dialogue;

	private final EventLoops eventLoops;

	private final TrafficRecorders recorders;

	private final ListenerTls tls;

	private final Admission admission;

	private final ThrottledLog warnings = new ThrottledLog(logger);

	private final List<ConnectionEventProducer> eventProducers = new CopyOnWriteArrayList<>();

	private final AtomicLong connectionSequence = new AtomicLong();

	/** What every connection id this listener gives starts with. */
	private final String connectionIdPrefix;

	/**
	 * The open connections by id. Not the inherited map, whose values must be Spring
	 * Integration's own connection class.
	 */
	private final Map<String, NettyTcpConnection> open = new ConcurrentHashMap<>();

	/**
	 * Runs from start to stop, paused and draining too: connections left open then still
	 * time out.
	 */
	private final IdleSweep idleSweep;

	private TrafficRecorder recorder = TrafficRecorder.NONE;

	private volatile ScheduledFuture<?> sweeping;

	/** Why an operator paused or drained it; null unless one did. */
	private volatile ListenerStatus held;

	/** The listening sockets: one, or on epoll one per I/O thread. */
	private volatile List<Channel> serverChannels = List.of();

	private volatile int boundPort;

	/**
	 * @param definition the listener
	 * @param dialogue what the listener and its clients say to each other: whether
	 * rejections can be explained with an {@code ERR} line, and whether the listener may
	 * speak telnet
	 * @param eventLoops the I/O threads
	 * @param recorders where the listener reports its traffic
	 * @param tls the listener's TLS, or null for plain TCP
	 */
	public NettyServerConnectionFactory(ListenerDefinition.Tcp definition, Dialogue dialogue, EventLoops eventLoops,
			TrafficRecorders recorders, ListenerTls tls) {
		super(definition.address().getPort());
		this.id = definition.id();
		this.connectionIdPrefix = this.id.name() + "-";
		this.bindAddress = definition.address();
		this.settings = definition.settings();
		this.dialogue = dialogue;
		this.eventLoops = eventLoops;
		this.recorders = recorders;
		this.tls = tls;
		this.admission = new Admission(this.settings);
		this.idleSweep = new IdleSweep(this.settings.idleTimeout(), this.open.values());
	}

	@Override
	protected void onInit() {
		super.onInit();
		bind(this.bindAddress);
		this.recorder = this.recorders.forListener(this);
	}

	/**
	 * Binds the listening socket, or on epoll one socket per I/O thread, all on the same
	 * port with {@code SO_REUSEPORT}: the kernel spreads the connections over them, and
	 * each thread accepts and serves its own, without handing each new connection from an
	 * accepting thread to a serving one (a task and a wake-up per connection). The first
	 * is bound where asked (port 0 picks one), the others on the port it got. None
	 * accepts until {@link #startServing()}.
	 */
	private void bind(InetSocketAddress address) {
		int highWaterMark = (int) Math.min(Integer.MAX_VALUE, this.settings.maxPendingOutput().toBytes());
		ServerBootstrap bootstrap = new ServerBootstrap().channel(this.eventLoops.serverChannelType())
			.option(ChannelOption.SO_BACKLOG, this.settings.backlog())
			.option(ChannelOption.SO_REUSEADDR, this.settings.reuseAddress())
			.option(ChannelOption.AUTO_READ, false)
			.option(ChannelOption.ALLOCATOR, this.eventLoops.allocator())
			.childOption(ChannelOption.ALLOCATOR, this.eventLoops.allocator())
			.childOption(ChannelOption.RCVBUF_ALLOCATOR, this.eventLoops.readBuffers(this.dialogue))
			// TCP_NODELAY is not set here: Netty sets it on every accepted socket, and a
			// second time was one more system call per connection.
			.childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
					new WriteBufferWaterMark(highWaterMark / 2, highWaterMark))
			.childHandler(new TcpPipeline(this, this.settings, this.admission, this.tls));
		this.eventLoops.keepalive(bootstrap, this.settings.keepalive());
		List<ServerBootstrap> sockets = this.eventLoops.listeningSockets(bootstrap);
		List<Channel> bound = new ArrayList<>(sockets.size());
		InetSocketAddress next = (sockets.size() > 1) ? claim(address) : address;
		try {
			for (ServerBootstrap socket : sockets) {
				ChannelFuture binding = socket.bind(next);
				if (!binding.awaitUninterruptibly(CLOSE_TIMEOUT_MILLIS) || !binding.isSuccess()) {
					Throwable cause = (binding.cause() != null) ? binding.cause()
							: new IOException("no answer from the I/O thread within " + CLOSE_TIMEOUT_MILLIS + " ms");
					throw new ListenerBindException(this.id, next, cause);
				}
				bound.add(binding.channel());
				next = new InetSocketAddress(address.getAddress(),
						((InetSocketAddress) binding.channel().localAddress()).getPort());
			}
		}
		catch (RuntimeException ex) {
			bound.forEach((channel) -> channel.close().awaitUninterruptibly(CLOSE_TIMEOUT_MILLIS));
			throw ex;
		}
		this.serverChannels = List.copyOf(bound);
		this.boundPort = next.getPort();
	}

	/**
	 * Sockets bound with {@code SO_REUSEPORT} would silently join those of another
	 * process of the same user listening on the port (a second instance started by
	 * mistake) and share its clients. A socket without the option cannot bind there, so
	 * one is bound first, and closed: the port is this listener's, or it fails as taken.
	 * @return where the listener's sockets bind: the address, with the port the system
	 * chose if it was 0
	 */
	private InetSocketAddress claim(InetSocketAddress address) {
		try (ServerSocketChannel probe = ServerSocketChannel.open()) {
			probe.setOption(StandardSocketOptions.SO_REUSEADDR, this.settings.reuseAddress());
			probe.bind(address);
			return new InetSocketAddress(address.getAddress(), ((InetSocketAddress) probe.getLocalAddress()).getPort());
		}
		catch (IOException ex) {
			throw new ListenerBindException(this.id, address, ex);
		}
	}

	@Override
	public void startServing() {
		if (this.held == null) {
			serve();
		}
	}

	private void serve() {
		if (isListening()) {
			return;
		}
		if (!this.serverChannels.get(0).isOpen()) {
			// Restarted after a stop: listen again where it listened before, even if that
			// port was chosen.
			bind(new InetSocketAddress(this.bindAddress.getAddress(), this.boundPort));
		}
		this.serverChannels.forEach((channel) -> channel.config().setAutoRead(true));
		setListening(true);
		this.sweeping = this.serverChannels.get(0)
			.eventLoop()
			.scheduleAtFixedRate(this.admission::sweep, SWEEP_SECONDS, SWEEP_SECONDS, TimeUnit.SECONDS);
		publishServerListeningEvent(getPort());
	}

	@Override
	public void stopServing() {
		setListening(false);
		ScheduledFuture<?> sweeper = this.sweeping;
		if (sweeper != null) {
			sweeper.cancel(false);
		}
		for (Channel channel : this.serverChannels) {
			if (!channel.close().awaitUninterruptibly(CLOSE_TIMEOUT_MILLIS)) {
				// The I/O thread is gone or stuck: stopping must not wait for it forever.
				logger.warn(this.id + ": a listening socket did not close within " + CLOSE_TIMEOUT_MILLIS + " ms");
			}
		}
	}

	@Override
	public void pause(String reason) {
		hold(ListenerStatus.held(ListenerState.PAUSED, reason));
	}

	@Override
	public void drain(String reason) {
		hold(ListenerStatus.held(ListenerState.DRAINING, reason));
	}

	private void hold(ListenerStatus status) {
		this.held = status;
		// Closing the listening socket refuses new clients at once, where a socket left
		// bound but not accepting would let the kernel queue them unserved.
		stopServing();
	}

	@Override
	public void resume() {
		if (this.held != null) {
			serve();
			this.held = null;
		}
	}

	@Override
	public ListenerStatus status() {
		ListenerStatus held = this.held;
		if (held != null) {
			return held;
		}
		return isServing() ? ListenerStatus.SERVING : ListenerStatus.stopped(this.id.protocol());
	}

	@Override
	public void start() {
		// Mark the factory usable by its adapters; accepting is started separately, last.
		this.lifecycleMonitor.lock();
		try {
			setActive(true);
			this.idleSweep.start(this.eventLoops.acceptor());
		}
		finally {
			this.lifecycleMonitor.unlock();
		}
	}

	@Override
	public void stop() {
		stopServing();
		this.idleSweep.stop();
		closeAll(CloseReason.SERVER_CLOSED);
		super.stop();
	}

	@Override
	public void run() {
		// Netty's acceptor thread accepts; there is no accept loop to run.
	}

	@Override
	public int getPort() {
		return this.boundPort;
	}

	@Override
	public InetSocketAddress localAddress() {
		return new InetSocketAddress(this.bindAddress.getAddress(), this.boundPort);
	}

	@Override
	public ListenerId id() {
		return this.id;
	}

	@Override
	public boolean isServing() {
		List<Channel> channels = this.serverChannels;
		return isListening() && !channels.isEmpty() && channels.stream().allMatch(Channel::isActive);
	}

	@Override
	public boolean isTls() {
		return this.tls != null;
	}

	@Override
	public Optional<ConnectionLimits> connectionLimits() {
		return Optional
			.of(new ConnectionLimits(this.settings.maxConnections(), this.settings.maxConnectionsPerSource()));
	}

	@Override
	public int openConnections() {
		return this.admission.open();
	}

	@Override
	public long pendingOutputBytes() {
		long pending = 0;
		for (NettyTcpConnection connection : this.open.values()) {
			pending += connection.pendingOutputBytes();
		}
		return pending;
	}

	@Override
	public long kernelDrops() {
		return 0;
	}

	/**
	 * Writes lines to connections, as their messages through an outbound adapter would be
	 * written, but at the cost a fan-out can bear: a line pushed to many connections in a
	 * row is encoded once and its buffer shared, and each I/O thread is handed its
	 * connections' lines in one task rather than one per connection. A line for a
	 * connection that has gone is dropped, and counted.
	 */
	public void push(List<Push> pushes) {
		Map<EventLoop, List<NettyTcpConnection>> waiting = new IdentityHashMap<>();
		String text = null;
		ByteBuf encoded = null;
		try {
			for (Push push : pushes) {
				NettyTcpConnection connection = this.open.get(push.connectionId());
				if (connection == null) {
					this.recorder.dropped(DeliveryDrop.DEPARTED);
					continue;
				}
				if (encoded == null || !push.line().equals(text)) {
					ReferenceCountUtil.release(encoded);
					text = push.line();
					encoded = PayloadEncoder.line(connection.alloc(), text);
				}
				if (connection.queue(encoded.retainedDuplicate(), push.closeAfter())) {
					waiting.computeIfAbsent(connection.eventLoop(), (loop) -> new ArrayList<>()).add(connection);
				}
			}
		}
		finally {
			ReferenceCountUtil.release(encoded);
			// Even after a failure: a connection left waiting for its drain would take
			// nothing more.
			writeOnEachThread(waiting);
		}
	}

	/**
	 * Has each I/O thread write its connections' outboxes: the other threads are handed
	 * theirs first, and this thread, if it is one of them, writes its own after, so that
	 * all write at once; writing its own first, a thread would keep the others waiting
	 * for as long as its writes take (half a fan-out's time, with two threads).
	 */
	private static void writeOnEachThread(Map<EventLoop, List<NettyTcpConnection>> waiting) {
		List<NettyTcpConnection> own = null;
		for (Map.Entry<EventLoop, List<NettyTcpConnection>> entry : waiting.entrySet()) {
			List<NettyTcpConnection> connections = entry.getValue();
			if (entry.getKey().inEventLoop()) {
				own = connections;
			}
			else {
				entry.getKey().execute(() -> connections.forEach(NettyTcpConnection::drainHandedOver));
			}
		}
		if (own != null) {
			own.forEach(NettyTcpConnection::drainHandedOver);
		}
	}

	/**
	 * @return whether a connection of this listener is open
	 */
	public boolean isOpen(String connectionId) {
		NettyTcpConnection connection = this.open.get(connectionId);
		return connection != null && connection.isOpen();
	}

	/**
	 * @return whether a connection id is one this listener gave, whether or not it is
	 * still open
	 */
	public boolean owns(String connectionId) {
		String prefix = this.connectionIdPrefix;
		if (connectionId == null || !connectionId.startsWith(prefix) || connectionId.length() == prefix.length()) {
			return false;
		}
		for (int i = prefix.length(); i < connectionId.length(); i++) {
			char c = connectionId.charAt(i);
			if (c < '0' || c > '9') {
				return false;
			}
		}
		return true;
	}

	@Override
	public List<ConnectionInfo> connections() {
		List<ConnectionInfo> infos = new ArrayList<>();
		for (NettyTcpConnection connection : this.open.values()) {
			if (connection.isOpen()) {
				infos.add(connection.info());
			}
		}
		return infos;
	}

	@Override
	public boolean close(String connectionId, CloseReason reason) {
		NettyTcpConnection connection = this.open.get(connectionId);
		if (connection == null || !connection.isOpen()) {
			return false;
		}
		connection.close(reason);
		return true;
	}

	@Override
	public void closeAll(CloseReason reason) {
		eachConnection((connection) -> connection.close(reason));
	}

	@Override
	public void abortAll() {
		eachConnection((connection) -> connection.abort(CloseReason.SHUTDOWN));
	}

	private void eachConnection(Consumer<NettyTcpConnection> action) {
		List.copyOf(this.open.values()).forEach(action);
	}

	/**
	 * @return where this listener reports its traffic
	 */
	public TrafficRecorder recorder() {
		return this.recorder;
	}

	void addEventProducer(ConnectionEventProducer producer) {
		this.eventProducers.add(producer);
	}

	/**
	 * @return whether clients read text, so that a refusal can be explained
	 */
	boolean speaksText() {
		return this.dialogue != Dialogue.BYTES;
	}

	/**
	 * @return what the listener and its clients say to each other
	 */
	Dialogue dialogue() {
		return this.dialogue;
	}

	/**
	 * @return whether, and from when, the listener speaks telnet with its clients
	 */
	TelnetMode telnet() {
		return (this.dialogue == Dialogue.LINES) ? this.settings.telnet() : TelnetMode.OFF;
	}

	/**
	 * An admitted channel is ready (after its TLS handshake, if any): it becomes a
	 * connection that Spring Integration can receive from and send to, and its opening is
	 * reported.
	 */
	NettyTcpConnection open(Channel channel, ConnectionStats stats) {
		String connectionId = this.connectionIdPrefix + this.connectionSequence.incrementAndGet();
		TcpListener listener = getListener();
		NettyTcpConnection connection = new NettyTcpConnection(channel, connectionId, this, listener, stats);
		for (TcpSender sender : getSenders()) {
			sender.addNewConnection(connection);
		}
		this.open.put(connectionId, connection);
		this.recorder.opened(connection.info());
		for (ConnectionEventProducer producer : this.eventProducers) {
			producer.connectionOpened(connectionId, connection.peer());
		}
		return connection;
	}

	/**
	 * A connection ended, or started closing: forgotten, so that nothing more is sent to
	 * it, and reported, once.
	 */
	void connectionEnded(NettyTcpConnection connection, CloseReason reason) {
		if (this.open.remove(connection.getConnectionId()) == null) {
			return;
		}
		for (TcpSender sender : getSenders()) {
			sender.removeDeadConnection(connection);
		}
		this.recorder.closed(connection.info(), reason);
		for (ConnectionEventProducer producer : this.eventProducers) {
			producer.connectionClosed(connection.getConnectionId(), reason);
		}
	}

	/**
	 * A connection was turned away before it was served: counted, and logged (throttled).
	 */
	void refused(Rejection reason, Client client, String why) {
		this.recorder.rejected(reason);
		this.warnings.warn(reason.tag(),
				() -> this.id + ": refused " + Addresses.display(client.address()) + ": " + why);
	}

	/**
	 * An admitted channel's TLS handshake failed: counted with its reason, and as a
	 * rejection.
	 */
	void tlsFailed(Channel channel, Throwable cause) {
		TlsFailure reason = TlsFailures.classify(cause);
		this.recorder.tlsHandshakeFailed(reason);
		Throwable root = cause;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		refused(Rejection.TLS, Client.of(channel), "TLS handshake failed (" + reason.tag() + "): "
				+ ((root.getMessage() != null) ? root.getMessage() : root.getClass().getSimpleName()));
	}

	/**
	 * A connection is being closed for what its client did (idle, a line too long):
	 * logged (throttled).
	 */
	void closing(NettyTcpConnection connection, CloseReason reason) {
		this.warnings.warn(reason.tag(), () -> this.id + ": closing connection from "
				+ Addresses.display(connection.clientAddress()) + ": " + reason.description());
	}

	/**
	 * Handling input failed inside the service: counted, and logged without the stack
	 * trace.
	 */
	void failed(NettyTcpConnection connection, Throwable failure) {
		this.recorder.failed();
		this.warnings.warn("failure", () -> this.id + ": failed to handle input from "
				+ Addresses.display(connection.clientAddress()) + ": " + failure);
	}

	@Override
	public String toString() {
		return "NettyServerConnectionFactory[" + this.id + " on " + Addresses.display(localAddress()) + "]";
	}

}
