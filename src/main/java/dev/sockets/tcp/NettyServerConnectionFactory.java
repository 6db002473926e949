package dev.sockets.tcp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;

import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.ApplicationListener;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.integration.ip.tcp.connection.TcpConnection;
import org.springframework.integration.ip.tcp.connection.TcpConnectionCloseEvent;
import org.springframework.integration.ip.tcp.connection.TcpConnectionEvent;
import org.springframework.integration.ip.tcp.connection.TcpConnectionInterceptorFactoryChain;
import org.springframework.integration.ip.tcp.connection.TcpConnectionOpenEvent;
import org.springframework.integration.ip.tcp.connection.TcpConnectionInterceptorSupport;
import org.springframework.integration.ip.tcp.connection.TcpConnectionSupport;
import org.springframework.integration.ip.tcp.connection.TcpListener;

import dev.sockets.listener.Listener;
import dev.sockets.listener.ListenerBindException;
import dev.sockets.listener.ListenerId;
import dev.sockets.listener.Rejection;
import dev.sockets.config.TcpListenerProperties;
import dev.sockets.limits.ThrottledLog;
import dev.sockets.listener.TrafficRecorder;
import dev.sockets.listener.TrafficRecorders;
import dev.sockets.limits.SourceLimits;
import dev.sockets.listener.CloseReason;
import dev.sockets.listener.ConnectionInfo;

/**
 * A Spring Integration server connection factory on Netty, used with {@code Tcp.inboundAdapter} and
 * {@code Tcp.outboundAdapter} like the built-in ones.
 * <p>
 * Why not {@code TcpNetServerConnectionFactory} or {@code TcpNioServerConnectionFactory}: the NET
 * factory needs a thread per connection and writes and flushes every reply with a blocking call;
 * the NIO factory hands each read to an executor through a pipe, which either grows without bound
 * (the default cached pool) or stalls when the pool is bounded. The benchmark's last rows run an
 * echo flow on both: {@code Tcp.netServer} on virtual threads echoes a few percent of what this
 * factory does, and {@code Tcp.nioServer} on a bounded pool stalls. Here a fixed set of I/O threads
 * ({@link EventLoops}) serves every connection, replies to one read are flushed together, and slow
 * readers get backpressure instead of threads.
 * <p>
 * The port is bound when the factory is initialized, so a taken port fails startup at once, but
 * connections are accepted only after {@link #startAccepting()}, once every flow is ready.
 */
public final class NettyServerConnectionFactory extends AbstractServerConnectionFactory
		implements Listener, ApplicationListener<TcpConnectionEvent> {

	private static final Log logger = LogFactory.getLog(NettyServerConnectionFactory.class);

	private static final long CLOSE_TIMEOUT_MILLIS = 5_000;

	/** How often client addresses with nothing open are forgotten. */
	private static final long SWEEP_SECONDS = 10;

	private final ListenerId listenerId;

	private final InetSocketAddress bindAddress;

	private final TcpListenerProperties settings;

	private final boolean speaksText;

	private final EventLoops eventLoops;

	private final TrafficRecorders recorders;

	private TrafficRecorder recorder = TrafficRecorder.NONE;

	private final ThrottledLog warnings = new ThrottledLog(logger);

	private final SourceLimits sourceLimits;

	private final ListenerTls tls;

	private volatile ScheduledFuture<?> sweeping;

	private final AtomicLong connectionSequence = new AtomicLong();

	private final AtomicInteger openConnections = new AtomicInteger();

	private volatile Channel serverChannel;

	private volatile int boundPort;

	/**
	 * @param listenerId the listener this factory serves
	 * @param bindAddress the local address to listen on
	 * @param settings the listener's configuration
	 * @param speaksText whether clients read text, so that rejections can be explained with an
	 * {@code ERR} line; false for binary protocols, where the connection is just closed
	 * @param eventLoops the I/O threads
	 * @param recorders where the listener reports its traffic
	 * @param tls the listener's TLS, or null for plain TCP
	 */
	public NettyServerConnectionFactory(ListenerId listenerId, InetAddress bindAddress,
			TcpListenerProperties settings, boolean speaksText, EventLoops eventLoops, TrafficRecorders recorders,
			ListenerTls tls) {
		super(settings.port());
		this.listenerId = listenerId;
		this.bindAddress = new InetSocketAddress(bindAddress, settings.port());
		this.settings = settings;
		this.speaksText = speaksText;
		this.eventLoops = eventLoops;
		this.recorders = recorders;
		this.tls = tls;
		this.sourceLimits = new SourceLimits(settings.maxConnectionsPerSource(), settings.connectionRatePerSource());
	}

	@Override
	protected void onInit() {
		super.onInit();
		bind(this.bindAddress);
		this.recorder = this.recorders.forListener(this.listenerId, this.boundPort);
		if (this.recorder != TrafficRecorder.NONE) {
			TcpConnectionInterceptorFactoryChain interceptors = new TcpConnectionInterceptorFactoryChain();
			interceptors.setInterceptor(() -> new MeteringInterceptor(getApplicationEventPublisher(), this.recorder));
			setInterceptorFactoryChain(interceptors);
		}
	}

	/**
	 * Counts connections from Spring Integration's own events for them.
	 */
	@Override
	public void onApplicationEvent(TcpConnectionEvent event) {
		if (!getComponentName().equals(event.getConnectionFactoryName())) {
			return;
		}
		NettyTcpConnection connection = NettyTcpConnection.unwrap((TcpConnection) event.getSource());
		if (connection == null) {
			return;
		}
		if (event instanceof TcpConnectionOpenEvent) {
			this.recorder.opened(connection.info());
		}
		else if (event instanceof TcpConnectionCloseEvent) {
			this.recorder.closed(connection.info(), connection.closeReason());
		}
	}

	private void bind(InetSocketAddress address) {
		int highWaterMark = (int) Math.min(Integer.MAX_VALUE, this.settings.maxPendingOutput().toBytes());
		ServerBootstrap bootstrap = new ServerBootstrap().group(this.eventLoops.acceptor(), this.eventLoops.workers())
			.channel(this.eventLoops.serverChannelType())
			.option(ChannelOption.SO_BACKLOG, this.settings.backlog())
			.option(ChannelOption.SO_REUSEADDR, this.settings.reuseAddress())
			.option(ChannelOption.AUTO_READ, false)
			.childOption(ChannelOption.TCP_NODELAY, true)
			.childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
					new WriteBufferWaterMark(highWaterMark / 2, highWaterMark))
			.childHandler(new TcpPipeline(this, this.settings, () -> this.recorder, this.tls));
		ChannelFuture bound = bootstrap.bind(address);
		if (!bound.awaitUninterruptibly(CLOSE_TIMEOUT_MILLIS) || !bound.isSuccess()) {
			Throwable cause = (bound.cause() != null) ? bound.cause()
					: new IOException("no answer from the I/O thread within " + CLOSE_TIMEOUT_MILLIS + " ms");
			throw new ListenerBindException(this.listenerId, address, cause);
		}
		this.serverChannel = bound.channel();
		this.boundPort = ((InetSocketAddress) this.serverChannel.localAddress()).getPort();
	}

	/**
	 * Starts accepting connections on the bound port.
	 */
	public void startAccepting() {
		if (isListening()) {
			return;
		}
		if (!this.serverChannel.isOpen()) {
			// Restarted after a stop: listen again where it listened before, even if that port was chosen.
			bind(new InetSocketAddress(this.bindAddress.getAddress(), this.boundPort));
		}
		this.serverChannel.config().setAutoRead(true);
		setListening(true);
		this.sweeping = this.serverChannel.eventLoop()
			.scheduleAtFixedRate(this.sourceLimits::sweep, SWEEP_SECONDS, SWEEP_SECONDS, TimeUnit.SECONDS);
		publishServerListeningEvent(getPort());
	}

	/**
	 * Stops accepting connections and releases the port; open connections are left alone.
	 */
	public void stopAccepting() {
		setListening(false);
		ScheduledFuture<?> sweeper = this.sweeping;
		if (sweeper != null) {
			sweeper.cancel(false);
		}
		Channel channel = this.serverChannel;
		if (channel != null && !channel.close().awaitUninterruptibly(CLOSE_TIMEOUT_MILLIS)) {
			// The I/O thread is gone or stuck: stopping must not wait for it forever.
			logger.warn(this.listenerId + ": the listening socket did not close within " + CLOSE_TIMEOUT_MILLIS + " ms");
		}
	}

	@Override
	public void start() {
		// Mark the factory usable by its adapters; accepting is started separately, last.
		this.lifecycleMonitor.lock();
		try {
			setActive(true);
		}
		finally {
			this.lifecycleMonitor.unlock();
		}
	}

	@Override
	public void stop() {
		stopAccepting();
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
	public ListenerId listenerId() {
		return this.listenerId;
	}

	@Override
	public boolean isServing() {
		Channel channel = this.serverChannel;
		return isListening() && channel != null && channel.isActive();
	}

	@Override
	public int openConnections() {
		return this.openConnections.get();
	}

	/**
	 * @return whether a connection of this listener is open
	 */
	public boolean isOpen(String connectionId) {
		TcpConnectionSupport connection = this.connections.get(connectionId);
		return connection != null && connection.isOpen();
	}

	/**
	 * @return every open connection, as operators see it
	 */
	public List<ConnectionInfo> connections() {
		List<ConnectionInfo> open = new ArrayList<>();
		for (TcpConnectionSupport connection : this.connections.values()) {
			NettyTcpConnection netty = NettyTcpConnection.unwrap(connection);
			if (netty != null && netty.isOpen()) {
				open.add(netty.info());
			}
		}
		return open;
	}

	/**
	 * Closes one connection, letting it finish writing what it was sent.
	 * @return whether the listener had such a connection open
	 */
	public boolean close(String connectionId, CloseReason reason) {
		TcpConnectionSupport connection = this.connections.get(connectionId);
		NettyTcpConnection netty = (connection != null) ? NettyTcpConnection.unwrap(connection) : null;
		if (netty == null || !netty.isOpen()) {
			return false;
		}
		netty.close(reason);
		return true;
	}

	/**
	 * Closes every open connection after what it was already sent.
	 */
	public void closeAll(CloseReason reason) {
		eachConnection((connection) -> connection.close(reason));
	}

	/**
	 * Cuts every connection still open, discarding what it was not yet sent.
	 */
	public void abortAll() {
		eachConnection((connection) -> connection.abort(CloseReason.SHUTDOWN));
	}

	private void eachConnection(Consumer<NettyTcpConnection> action) {
		for (TcpConnectionSupport connection : List.copyOf(this.connections.values())) {
			NettyTcpConnection netty = NettyTcpConnection.unwrap(connection);
			if (netty != null) {
				action.accept(netty);
			}
		}
	}

	/**
	 * @return where this listener reports its traffic
	 */
	public TrafficRecorder recorder() {
		return this.recorder;
	}

	boolean speaksText() {
		return this.speaksText;
	}

	Duration idleTimeout() {
		return this.settings.idleTimeout();
	}

	/**
	 * A channel was accepted: count it against the listener's limits, or tell it why not and close it.
	 * @param explain whether the client may be told why in an {@code ERR} line (not before a TLS handshake)
	 * @return whether the channel was admitted; if so, {@link #released} must follow when it closes
	 */
	boolean admit(Channel channel, boolean explain) {
		if (!isActive()) {
			channel.close();
			return false;
		}
		InetSocketAddress remote = (InetSocketAddress) channel.remoteAddress();
		SourceLimits.Refusal refusal;
		if (this.openConnections.incrementAndGet() > this.settings.maxConnections()) {
			this.openConnections.decrementAndGet();
			refusal = new SourceLimits.Refusal(Rejection.LIMIT,
					"too many connections (max " + this.settings.maxConnections() + ")");
		}
		else {
			refusal = this.sourceLimits.admit(remote.getAddress());
			if (refusal != null) {
				this.openConnections.decrementAndGet();
			}
		}
		if (refusal == null) {
			return true;
		}
		this.recorder.rejected(refusal.reason());
		String message = refusal.message();
		warn(refusal.reason().tag(), () -> this.listenerId + ": refused " + remote + ": " + message);
		if (explain && this.speaksText) {
			channel.writeAndFlush("ERR " + message).addListener(ChannelFutureListener.CLOSE);
		}
		else {
			channel.close();
		}
		return false;
	}

	/**
	 * An admitted channel's socket closed: it no longer counts against the limits.
	 */
	void released(Channel channel) {
		this.openConnections.decrementAndGet();
		this.sourceLimits.closed(((InetSocketAddress) channel.remoteAddress()).getAddress());
	}

	/**
	 * A channel from an address the listener does not serve: closed at once, without a byte.
	 */
	void deny(Channel channel) {
		this.recorder.rejected(Rejection.DENIED);
		warn("denied", () -> this.listenerId + ": denied " + channel.remoteAddress());
		channel.close();
	}

	/**
	 * An admitted channel's TLS handshake failed.
	 */
	void tlsFailed(Channel channel, Throwable cause) {
		this.recorder.rejected(Rejection.TLS);
		Throwable root = cause;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String why = root.getMessage();
		warn("tls", () -> this.listenerId + ": TLS handshake with " + channel.remoteAddress() + " failed: " + why);
		channel.close();
	}

	/**
	 * An admitted channel is ready (after its TLS handshake, if any): it becomes a connection.
	 */
	NettyTcpConnection open(Channel channel, ConnectionStats stats) {
		String id = this.listenerId.service() + "-" + this.listenerId.protocol().id() + "-"
				+ this.connectionSequence.incrementAndGet();
		NettyTcpConnection connection = new NettyTcpConnection(channel, id, this, stats);
		TcpConnectionSupport wrapped = wrapConnection(connection);
		TcpListener listener = getListener();
		if (listener != null) {
			wrapped.registerListener(listener);
		}
		wrapped.registerSenders(getSenders());
		connection.opened();
		return connection;
	}

	/**
	 * A connection ended, or started closing: forget it everywhere Spring Integration keeps it, so
	 * that nothing more is sent to it.
	 */
	void removeConnection(NettyTcpConnection connection) {
		TcpConnectionSupport known = this.connections.remove(connection.getConnectionId());
		if (known == null) {
			return;
		}
		if (known instanceof TcpConnectionInterceptorSupport interceptor) {
			interceptor.removeDeadConnection(interceptor);
		}
		else {
			known.getSenders().forEach((sender) -> sender.removeDeadConnection(known));
		}
	}

	void logRejection(NettyTcpConnection connection, CloseReason reason) {
		warn(reason.tag(), () -> this.listenerId + ": closing connection from " + connection.getHostAddress() + ": "
				+ reason.description());
	}

	/**
	 * Handling input failed inside the service: counted, and logged without the stack trace.
	 */
	void failed(NettyTcpConnection connection, Throwable failure) {
		this.recorder.failed();
		warn("failure", () -> this.listenerId + ": failed to handle input from " + connection.getHostAddress() + ": "
				+ failure);
	}

	private void warn(String kind, Supplier<String> message) {
		this.warnings.warn(kind, message);
	}

	@Override
	public String toString() {
		return "NettyServerConnectionFactory[" + this.listenerId + " on " + localAddress() + "]";
	}

}
