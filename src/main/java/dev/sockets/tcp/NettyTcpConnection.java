package dev.sockets.tcp;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.ssl.SslHandler;
import org.jspecify.annotations.Nullable;

import org.springframework.integration.ip.IpHeaders;
import org.springframework.integration.ip.tcp.connection.TcpConnection;
import org.springframework.integration.ip.tcp.connection.TcpConnectionInterceptorSupport;
import org.springframework.integration.ip.tcp.connection.TcpConnectionSupport;
import org.springframework.integration.ip.tcp.connection.TcpListener;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.GenericMessage;
import dev.sockets.listener.CloseReason;
import dev.sockets.listener.ConnectionInfo;


/**
 * A Spring Integration {@link TcpConnection} over a Netty channel.
 * <p>
 * Input arrives already decoded (see {@link TcpPipeline}) on the channel's I/O thread and goes
 * straight to the listener: gateway, flow and service run on that thread, and a reply written while
 * the input is being handled is flushed once for the whole read rather than once per line.
 * Writes never block: a client that does not read either stops being read from (when the output is
 * its own replies) or is disconnected (when the output is pushed by others, as in chat).
 */
final class NettyTcpConnection extends TcpConnectionSupport {

	/** How long a closing connection may take to flush what was written before it is cut. */
	private static final long LINGER_SECONDS = 5;

	private final Channel channel;

	private final String connectionId;

	private final NettyServerConnectionFactory factory;

	private final InetSocketAddress remoteAddress;

	private final Map<String, Object> headers;

	private final ConnectionStats stats;

	private final AtomicBoolean closing = new AtomicBoolean();

	private volatile CloseReason closeReason = CloseReason.CLIENT_CLOSED;

	/** Whether a read is being handled; touched only on the channel's I/O thread. */
	private boolean reading;

	NettyTcpConnection(Channel channel, String connectionId, NettyServerConnectionFactory factory,
			ConnectionStats stats) {
		super(factory.getApplicationEventPublisher());
		this.channel = channel;
		this.stats = stats;
		this.connectionId = connectionId;
		this.factory = factory;
		this.remoteAddress = (InetSocketAddress) channel.remoteAddress();
		// Only the connection id: every header is copied by every message a flow builds from this
		// one, and the client's address is known from the connection when it is needed.
		this.headers = Map.of(IpHeaders.CONNECTION_ID, connectionId);
	}

	/**
	 * The connection is set up: announce it (through any interceptors) to listeners of events.
	 */
	void opened() {
		publishConnectionOpenEvent();
	}

	/**
	 * A decoded message from the client, on the I/O thread.
	 */
	void receive(Object payload) {
		TcpListener listener = getListener();
		if (listener == null || this.closing.get()) {
			return;
		}
		this.reading = true;
		listener.onMessage(new GenericMessage<>(payload, this.headers));
	}

	/**
	 * The end of one read from the socket: everything replied during it goes out together.
	 */
	void readComplete() {
		if (this.reading) {
			this.reading = false;
			this.channel.flush();
		}
	}

	@Override
	public void send(Message<?> message) {
		if (this.closing.get() || !this.channel.isActive()) {
			this.factory.recorder().dropped("departed");
			return;
		}
		boolean reply = this.reading && this.channel.eventLoop().inEventLoop();
		if (reply) {
			this.channel.write(message.getPayload(), this.channel.voidPromise());
		}
		else {
			this.channel.writeAndFlush(message.getPayload(), this.channel.voidPromise());
		}
		if (Boolean.TRUE.equals(message.getHeaders().get(ConnectionHeaders.CLOSE_AFTER_SEND))) {
			close(CloseReason.SERVER_CLOSED);
		}
		else if (!this.channel.isWritable()) {
			if (this.closing.get() || !this.channel.isActive()) {
				// Not slow: it started closing while this was being sent, on another thread; a closed
				// channel, or one whose output is shut down, is never writable.
				this.factory.recorder().dropped("departed");
			}
			else if (reply) {
				// Backpressure: stop reading from a client until it reads what it asked for.
				this.channel.config().setAutoRead(false);
			}
			else {
				this.factory.recorder().dropped("slow_reader");
				abort(CloseReason.SLOW_READER);
			}
		}
	}

	/**
	 * Closes after writing what is already written, within a bounded time.
	 * <p>
	 * A lingering close: once the output is flushed, only the output is shut down (the client reads
	 * the FIN after the last byte), and input is read and discarded until the client closes too.
	 * Closing the socket outright while the client's input is still unread would make the kernel
	 * answer with a reset, which can destroy the reply the client has not read yet.
	 */
	void close(CloseReason reason) {
		if (this.closing.compareAndSet(false, true)) {
			this.closeReason = reason;
			this.channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener((ChannelFutureListener) (flushed) -> {
				SslHandler tls = this.channel.pipeline().get(SslHandler.class);
				if (!flushed.isSuccess() || !(this.channel instanceof DuplexChannel duplex)) {
					this.channel.close();
				}
				else if (tls != null) {
					// TLS says goodbye with close_notify before the TCP half-close.
					tls.closeOutbound().addListener((notified) -> duplex.shutdownOutput());
				}
				else {
					duplex.shutdownOutput();
				}
			});
			this.channel.eventLoop().schedule(() -> this.channel.close(), LINGER_SECONDS, TimeUnit.SECONDS);
		}
		closed();
	}

	/**
	 * Closes at once, discarding output not yet written.
	 */
	void abort(CloseReason reason) {
		if (this.closing.compareAndSet(false, true)) {
			this.closeReason = reason;
			this.channel.close();
		}
		closed();
	}

	/**
	 * Tells a line-speaking client why it is being closed, then closes.
	 */
	void reject(CloseReason reason, String notice) {
		if (this.factory.speaksText() && !this.closing.get()) {
			this.channel.writeAndFlush("ERR " + notice, this.channel.voidPromise());
		}
		close(reason);
	}

	/**
	 * The channel is gone, or going: tell Spring Integration, once.
	 */
	void closed() {
		super.close();
		this.factory.removeConnection(this);
	}

	@Override
	public void close() {
		close(CloseReason.SERVER_CLOSED);
	}

	CloseReason closeReason() {
		return this.closeReason;
	}

	ConnectionInfo info() {
		return new ConnectionInfo(this.connectionId, this.factory.listenerId(), this.remoteAddress,
				this.stats.openedAt(), this.stats.bytesIn(), this.stats.bytesOut(), this.stats.lastActivity());
	}

	void resumeReading() {
		this.channel.config().setAutoRead(true);
	}

	@Override
	public boolean isOpen() {
		return !this.closing.get() && this.channel.isActive();
	}

	@Override
	public void run() {
		// Netty's I/O threads read the channel; there is no per-connection loop to run.
	}

	@Override
	public @Nullable Object getPayload() {
		// Payloads are pushed by the pipeline, never pulled.
		return null;
	}

	@Override
	public String getHostName() {
		return this.remoteAddress.getAddress().getHostAddress();
	}

	@Override
	public String getHostAddress() {
		return this.remoteAddress.getAddress().getHostAddress();
	}

	@Override
	public int getPort() {
		return this.remoteAddress.getPort();
	}

	InetSocketAddress remoteAddress() {
		return this.remoteAddress;
	}

	@Override
	public String getConnectionId() {
		return this.connectionId;
	}

	@Override
	public String getConnectionFactoryName() {
		return this.factory.getComponentName();
	}

	@Override
	public boolean isServer() {
		return true;
	}

	@Override
	public @Nullable Object getDeserializerStateKey() {
		return null;
	}

	@Override
	public javax.net.ssl.@Nullable SSLSession getSslSession() {
		SslHandler tls = this.channel.pipeline().get(SslHandler.class);
		return (tls != null) ? tls.engine().getSession() : null;
	}

	/**
	 * @return the transport connection behind a connection as Spring Integration sees it, through
	 * any interceptors
	 */
	static @Nullable NettyTcpConnection unwrap(TcpConnection connection) {
		TcpConnection current = connection;
		while (current instanceof TcpConnectionInterceptorSupport interceptor) {
			current = interceptor.getTheConnection();
		}
		return (current instanceof NettyTcpConnection netty) ? netty : null;
	}

}
