package dev.sockets.tcp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelOutboundInvoker;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.DuplexChannel;
import io.netty.channel.unix.Socket;
import io.netty.channel.unix.UnixChannel;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.FastThreadLocal;
import org.jspecify.annotations.Nullable;

import org.springframework.core.serializer.Deserializer;
import org.springframework.core.serializer.Serializer;
import org.springframework.integration.ip.IpHeaders;
import org.springframework.integration.ip.tcp.connection.SocketInfo;
import org.springframework.integration.ip.tcp.connection.TcpConnection;
import org.springframework.integration.ip.tcp.connection.TcpListener;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.GenericMessage;

import dev.sockets.listener.CloseReason;
import dev.sockets.listener.ConnectionInfo;
import dev.sockets.listener.DeliveryDrop;
import dev.sockets.listener.Peer;
import dev.sockets.listener.TrafficRecorder;

/**
 * A Spring Integration {@link TcpConnection} over a Netty channel.
 * <p>
 * Input arrives already decoded (see {@link TcpPipeline}) on the channel's I/O thread and
 * goes straight to the inbound endpoint: endpoint, flow and service run on that thread,
 * and a reply written while the input is being handled is flushed once for the whole read
 * rather than once per line. Writes never block: a client that does not read either stops
 * being read from (when the output is its own replies) or is disconnected (when the
 * output is pushed by others, as in chat).
 * <p>
 * Its opening and closing are reported by its listener, directly, to the listener's
 * recorder and event producers; nothing goes through the application's event bus.
 * <p>
 * It implements {@link TcpConnection} itself rather than extending Spring Integration's
 * {@code TcpConnectionSupport}, whose constructor costs every connection a random UUID
 * (from the shared secure random), a logger lookup, a latch, a synchronized list of
 * senders and a dozen fields for sockets, serializers and events that this connection has
 * no use for; the listener keeps the senders, which are the same for all its connections.
 */
final class NettyTcpConnection implements TcpConnection {

	/**
	 * How long a closing connection may take to flush what was written before it is cut.
	 */
	private static final long LINGER_SECONDS = 5;

	/** Where each I/O thread reads away what single-use connections' clients sent. */
	private static final FastThreadLocal<ByteBuffer> READ_AWAY = new FastThreadLocal<>() {

		@Override
		protected ByteBuffer initialValue() {
			return ByteBuffer.allocateDirect(4096);
		}

	};

	/** How many buffers of input a closing single-use connection reads away at most. */
	private static final int MAX_READS_AWAY = 16;

	private final Channel channel;

	/**
	 * Where encoded bytes enter the pipeline: at its encoder, which has nothing to do
	 * with them, and which sits before telnet and the decoders, so that a line written to
	 * each of thousands of connections passes only the stages that handle output rather
	 * than the whole pipeline.
	 */
	private final ChannelHandlerContext bytesOut;

	private final String connectionId;

	private final NettyServerConnectionFactory listener;

	/** The inbound endpoint that receives from it, if any. */
	private final @Nullable TcpListener inbound;

	private final TrafficRecorder recorder;

	private final Client client;

	private final Map<String, Object> headers;

	private final ConnectionStats stats;

	private final AtomicBoolean closing = new AtomicBoolean();

	private final AtomicBoolean ended = new AtomicBoolean();

	/**
	 * Why the server closed it, set before the channel is touched: closing it can end it
	 * at once.
	 */
	private volatile CloseReason closeReason;

	/**
	 * Whether nothing more is written: set where the close falls among the messages
	 * written.
	 */
	private volatile boolean closed;

	/** What other threads handed over, waiting for the channel's I/O thread. */
	private final Queue<Outgoing> outbox = new ConcurrentLinkedQueue<>();

	private final AtomicBoolean drainScheduled = new AtomicBoolean();

	/** Whether a read is being handled; touched only on the channel's I/O thread. */
	private boolean reading;

	/** Messages received; touched only on the channel's I/O thread. */
	private long sequence;

	/**
	 * When the client last sent a complete message (a line, where the listener reads
	 * lines), by {@link System#nanoTime()}: bytes that do not complete one (slowloris) do
	 * not count.
	 */
	private volatile long lastInput = System.nanoTime();

	/**
	 * Whether an IRC client was pinged for its silence, and has sent nothing since; read
	 * and written on the I/O thread only.
	 */
	private boolean pinged;

	NettyTcpConnection(Channel channel, String connectionId, NettyServerConnectionFactory listener,
			@Nullable TcpListener inbound, ConnectionStats stats) {
		this.channel = channel;
		this.bytesOut = Objects.requireNonNull(channel.pipeline().context(PayloadEncoder.class),
				"a pipeline without its encoder");
		this.inbound = inbound;
		this.stats = stats;
		this.connectionId = connectionId;
		this.listener = listener;
		this.recorder = listener.recorder();
		this.client = Client.of(channel);
		// Only the connection id: every header is copied by every message a flow builds
		// from this one, and the client's address is known from the connection when it
		// is needed.
		this.headers = Map.of(IpHeaders.CONNECTION_ID, connectionId);
	}

	/**
	 * A decoded message from the client, on the I/O thread: handled by the flow, and
	 * timed.
	 */
	void receive(Object payload) {
		TcpListener listener = this.inbound;
		if (listener == null || this.closing.get()) {
			// Undecoded bytes, where nothing reads them.
			ReferenceCountUtil.release(payload);
			return;
		}
		this.reading = true;
		this.pinged = false;
		long start = System.nanoTime();
		this.lastInput = start;
		// Raw input arrives undecoded: the flow gets it as a chunk, whose buffer is
		// given back here whatever the flow did with it (a write takes its own
		// reference).
		Object message = (payload instanceof ByteBuf bytes) ? new Chunk(bytes) : payload;
		try {
			listener.onMessage(new GenericMessage<>(message, this.headers));
		}
		finally {
			if (message instanceof Chunk chunk) {
				chunk.release();
			}
			this.recorder.handled(count(message), System.nanoTime() - start);
		}
	}

	/**
	 * The end of one read from the socket: everything replied during it goes out
	 * together.
	 */
	void readComplete() {
		if (this.reading) {
			this.reading = false;
			this.bytesOut.flush();
			checkWritable(true);
		}
	}

	/**
	 * Writes a message, keeping the order in which messages were handed over from any
	 * thread: one handed over by another thread waits in the outbox for this connection's
	 * I/O thread, and nothing that thread writes itself overtakes it.
	 */
	@Override
	public void send(Message<?> message) {
		if (handOver(message.getPayload(),
				Boolean.TRUE.equals(message.getHeaders().get(ConnectionHeaders.CLOSE_AFTER_SEND)))) {
			this.channel.eventLoop().execute(this::drainHandedOver);
		}
	}

	/**
	 * Writes at once on the connection's I/O thread, after what was handed over before;
	 * from any other thread, leaves it in the outbox.
	 * @param message what to write: text, {@link Lines}, bytes, a {@link Chunk} or an
	 * encoded buffer, which this releases if it is not written
	 * @param closeAfter whether the connection closes once it is written
	 * @return whether the outbox must now be drained on the I/O thread, by
	 * {@link #drainHandedOver()}, which the caller schedules
	 */
	boolean handOver(Object message, boolean closeAfter) {
		Object payload = (message instanceof Chunk chunk) ? chunk.retainedBuffer() : message;
		if (!this.channel.eventLoop().inEventLoop()) {
			return queue(payload, closeAfter);
		}
		if (!droppedAsGone(payload)) {
			boolean reply = this.reading;
			drain(reply);
			if (emit(payload, closeAfter, reply)) {
				checkWritable(reply);
			}
		}
		return false;
	}

	/**
	 * Leaves a message in the outbox, even on the connection's I/O thread, for
	 * {@link #drainHandedOver()} to write.
	 * @param payload what to write, which this releases if it is not written
	 * @param closeAfter whether the connection closes once it is written
	 * @return whether the outbox must now be drained on the I/O thread
	 */
	boolean queue(Object payload, boolean closeAfter) {
		if (droppedAsGone(payload)) {
			return false;
		}
		this.outbox.add(new Outgoing(payload, closeAfter));
		return this.drainScheduled.compareAndSet(false, true);
	}

	/**
	 * @return whether the connection is closing or closed, and the message was dropped
	 */
	private boolean droppedAsGone(Object payload) {
		if (this.closing.get() || !this.channel.isActive()) {
			drop(payload);
			return true;
		}
		return false;
	}

	/**
	 * Writes what was handed over; on the connection's I/O thread.
	 */
	void drainHandedOver() {
		this.drainScheduled.set(false);
		drain(false);
	}

	Channel channel() {
		return this.channel;
	}

	EventLoop eventLoop() {
		return this.channel.eventLoop();
	}

	ByteBufAllocator alloc() {
		return this.channel.alloc();
	}

	/**
	 * Writes what other threads handed over, in order, with one flush for them all.
	 * @param flushLater whether the flush is left to the end of the read under way
	 */
	private void drain(boolean flushLater) {
		boolean wrote = false;
		for (Outgoing outgoing = this.outbox.poll(), next; outgoing != null; outgoing = next) {
			next = this.outbox.poll();
			// The last goes with the flush, in one pass down the pipeline rather than
			// two: a fan-out leaves one line in each of thousands of outboxes. (One the
			// connection no longer takes needs no flush: it has closed, and a close
			// flushes.)
			wrote |= emit(outgoing.payload(), outgoing.closeAfter(), flushLater || next != null);
		}
		if (wrote && !flushLater) {
			checkWritable(false);
		}
	}

	/**
	 * Writes one message, and closes the connection if it is the last.
	 * @param flushLater whether to leave the flush to the end of the read, or of the
	 * drain
	 * @return whether it was written and the connection goes on
	 */
	private boolean emit(Object payload, boolean closeAfter, boolean flushLater) {
		if (this.closed || !this.channel.isActive()) {
			drop(payload);
			return false;
		}
		ChannelOutboundInvoker out = (payload instanceof ByteBuf) ? this.bytesOut : this.channel;
		if (flushLater) {
			out.write(payload, this.channel.voidPromise());
		}
		else {
			out.writeAndFlush(payload, this.channel.voidPromise());
		}
		this.recorder.sent(count(payload));
		if (closeAfter) {
			// What was handed over after this message comes after the close: it is not
			// written.
			closeWhenWritten(CloseReason.SERVER_CLOSED, false);
			return false;
		}
		return true;
	}

	private void drop(Object payload) {
		ReferenceCountUtil.release(payload);
		this.recorder.dropped(DeliveryDrop.DEPARTED);
	}

	/**
	 * A client that has not read what was written: replies to its own input stop reading
	 * from it until it does (backpressure); output pushed by others lets it go, rather
	 * than holding more for it.
	 */
	private void checkWritable(boolean reply) {
		if (this.channel.isWritable()) {
			return;
		}
		if (this.closed || !this.channel.isActive()) {
			// Not slow: it is closing; a closed channel, or one whose output is shut
			// down, is never writable.
			this.recorder.dropped(DeliveryDrop.DEPARTED);
		}
		else if (reply) {
			// Backpressure: stop reading from a client until it reads what it asked for.
			if (this.channel.config().isAutoRead()) {
				this.channel.config().setAutoRead(false);
				this.recorder.readsPaused();
			}
		}
		else {
			this.recorder.dropped(DeliveryDrop.SLOW_READER);
			abort(CloseReason.SLOW_READER);
		}
	}

	private static int count(Object payload) {
		return (payload instanceof Lines lines) ? lines.size() : 1;
	}

	/**
	 * Closes after writing what it was handed so far, within a bounded time.
	 */
	void close(CloseReason reason) {
		closeWhenWritten(reason, true);
	}

	/**
	 * A lingering close: once the output is flushed, only the output is shut down (the
	 * client reads the FIN after the last byte), and input is read and discarded until
	 * the client closes too. Closing the socket outright while the client's input is
	 * still unread would make the kernel answer with a reset, which can destroy the reply
	 * the client has not read yet. A single-use connection, whose client has nothing to
	 * say, closes outright once what it sent is read away.
	 * @param writeHandedOver whether what other threads handed over before is written
	 * first; not when the close itself was one of the messages, and what follows it comes
	 * after it
	 */
	private void closeWhenWritten(CloseReason reason, boolean writeHandedOver) {
		if (this.closing.compareAndSet(false, true)) {
			this.closeReason = reason;
			Runnable shutdown = () -> {
				if (writeHandedOver) {
					drain(false);
				}
				this.closed = true;
				discardHandedOver();
				lingerAndClose();
			};
			if (this.channel.eventLoop().inEventLoop()) {
				shutdown.run();
			}
			else {
				this.channel.eventLoop().execute(shutdown);
			}
		}
		ended(reason);
	}

	private void lingerAndClose() {
		this.channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener((ChannelFutureListener) (flushed) -> {
			SslHandler tls = this.channel.pipeline().get(SslHandler.class);
			if (!flushed.isSuccess() || !(this.channel instanceof DuplexChannel duplex)) {
				this.channel.close();
			}
			else if (tls != null) {
				// TLS says goodbye with close_notify before the TCP half-close.
				tls.closeOutbound().addListener((notified) -> shutdownOutput(duplex));
			}
			else if (this.listener.isSingleUse() && readAway(this.channel)) {
				this.channel.close();
			}
			else {
				shutdownOutput(duplex);
			}
		});
		if (!this.channel.isOpen()) {
			return;
		}
		ScheduledFuture<?> cut = this.channel.eventLoop()
			.schedule(() -> this.channel.close(), LINGER_SECONDS, TimeUnit.SECONDS);
		// A client that closes at once (as most do) must not leave the timer holding its
		// channel, pipeline and buffers for the whole linger.
		this.channel.closeFuture().addListener((closed) -> cut.cancel(false));
	}

	/**
	 * Reads and discards what the client of a single-use connection (the time) sent: such
	 * a client has nothing to say, so once its input is gone the connection closes
	 * outright, as inetd's daytime does, without the half-close, the wait for the
	 * client's own close and the second wake-up that a lingering close costs. Input left
	 * unread would make the close a reset.
	 * @return whether the client's input is all read; not where the channel has no native
	 * socket to read from, nor while the client is still sending (then the connection
	 * lingers)
	 */
	private static boolean readAway(Channel channel) {
		if (!(channel instanceof UnixChannel unix && unix.fd() instanceof Socket socket)) {
			return false;
		}
		ByteBuffer scratch = READ_AWAY.get();
		try {
			for (int reads = 0; reads < MAX_READS_AWAY; reads++) {
				// A read that does not fill the buffer took all there was: 0 is none, -1
				// the client's own close.
				if (socket.recv(scratch, 0, scratch.capacity()) < scratch.capacity()) {
					return true;
				}
			}
		}
		catch (IOException ex) {
			// Reset by the client: there is nothing left to protect.
			return true;
		}
		// Still sending: it lingers, reading the rest.
		return false;
	}

	/**
	 * Half-closes the connection. A native socket is shut down directly: Netty's way
	 * builds an exception, with its stack trace, to fail the writes still queued, and
	 * here there are none (all was flushed): a visible share of what a connection that
	 * only hears the time cost.
	 */
	private static void shutdownOutput(DuplexChannel channel) {
		if (channel instanceof UnixChannel unix && unix.fd() instanceof Socket socket) {
			try {
				socket.shutdown(false, true);
			}
			catch (IOException ex) {
				channel.close();
			}
		}
		else {
			channel.shutdownOutput();
		}
	}

	private void discardHandedOver() {
		for (Outgoing outgoing; (outgoing = this.outbox.poll()) != null;) {
			drop(outgoing.payload());
		}
	}

	/**
	 * Closes at once, discarding output not yet written.
	 */
	void abort(CloseReason reason) {
		if (this.closing.compareAndSet(false, true)) {
			this.closeReason = reason;
			this.closed = true;
			this.channel.close();
		}
		ended(reason);
	}

	/**
	 * Tells a line-speaking client why it is being closed, after what it was handed so
	 * far, then closes. Called on the connection's I/O thread.
	 */
	void reject(CloseReason reason, String problem) {
		if (this.listener.speaksText() && !this.closing.get()) {
			drain(true);
			this.channel.write(this.listener.dialogue().errorLine(problem), this.channel.voidPromise());
		}
		close(reason);
	}

	/**
	 * Tells the client it has been idle too long and closes, if it still has been when
	 * the connection's I/O thread gets to it.
	 * @param now the sweep's {@link System#nanoTime()}
	 * @param timeoutNanos how long it may send nothing
	 */
	void closeIfIdle(long now, long timeoutNanos) {
		if (now - this.lastInput < timeoutNanos || this.closing.get()) {
			return;
		}
		this.channel.eventLoop().execute(() -> {
			if (System.nanoTime() - this.lastInput >= timeoutNanos && !this.closing.get()) {
				quiet(timeoutNanos);
			}
		});
	}

	/**
	 * The client sent nothing for the idle timeout: closed, or on IRC pinged, and closed
	 * only if it sends nothing (its {@code PONG} first of all) for as long again.
	 */
	private void quiet(long timeoutNanos) {
		long seconds = TimeUnit.NANOSECONDS.toSeconds(timeoutNanos);
		if (this.listener.dialogue() != Dialogue.IRC) {
			this.listener.closing(this, CloseReason.IDLE);
			reject(CloseReason.IDLE, "idle timeout (nothing received for " + seconds + " s)");
		}
		else if (!this.pinged) {
			this.pinged = true;
			this.lastInput = System.nanoTime();
			reply("PING :" + this.listener.id().name());
			this.channel.flush();
		}
		else {
			this.listener.closing(this, CloseReason.PING_TIMEOUT);
			reject(CloseReason.PING_TIMEOUT, "Ping timeout: " + seconds + " seconds");
		}
	}

	/**
	 * Writes a line that answers a read, after what other threads handed over before it.
	 * Called on the connection's I/O thread, during the read.
	 */
	void reply(Object line) {
		drain(true);
		this.channel.write(line, this.channel.voidPromise());
	}

	/**
	 * The channel is gone, or going: Spring Integration forgets it, and the listener
	 * reports it, once, with the reason the server closed it for or, if the server did
	 * not, this one.
	 */
	void ended(CloseReason reason) {
		if (this.ended.compareAndSet(false, true)) {
			CloseReason why = this.closeReason;
			this.listener.connectionEnded(this, (why != null) ? why : reason);
		}
	}

	@Override
	public void close() {
		close(CloseReason.SERVER_CLOSED);
	}

	ConnectionInfo info() {
		return new ConnectionInfo(this.connectionId, this.listener.id(), this.client.address(), this.client.proxy(),
				this.stats.openedAt(), this.stats.bytesIn(), this.stats.bytesOut(), this.stats.lastActivity());
	}

	/**
	 * @return bytes written to the client that the kernel has not taken yet: what the
	 * channel's outbound buffer holds
	 */
	long pendingOutputBytes() {
		ChannelOutboundBuffer buffer = this.channel.unsafe().outboundBuffer();
		return (buffer != null) ? buffer.totalPendingWriteBytes() : 0;
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
		return getHostAddress();
	}

	@Override
	public String getHostAddress() {
		return this.client.address().getAddress().getHostAddress();
	}

	@Override
	public int getPort() {
		return this.client.address().getPort();
	}

	InetSocketAddress clientAddress() {
		return this.client.address();
	}

	@Override
	public String getConnectionId() {
		return this.connectionId;
	}

	@Override
	public boolean isServer() {
		return true;
	}

	@Override
	public @Nullable TcpListener getListener() {
		return this.inbound;
	}

	@Override
	public long incrementAndGetConnectionSequence() {
		return ++this.sequence;
	}

	@Override
	public @Nullable Deserializer<?> getDeserializer() {
		// The pipeline decodes; no serializer touches the stream.
		return null;
	}

	@Override
	public @Nullable Serializer<?> getSerializer() {
		return null;
	}

	@Override
	public @Nullable SocketInfo getSocketInfo() {
		// There is no java.net.Socket to describe: the channel is Netty's.
		return null;
	}

	@Override
	public @Nullable Object getDeserializerStateKey() {
		return null;
	}

	/**
	 * @return who the connection is from, with its client certificate's subject if it
	 * presented one
	 */
	Peer peer() {
		String subject = "";
		SSLSession session = getSslSession();
		if (session != null) {
			try {
				Certificate[] certificates = session.getPeerCertificates();
				if (certificates.length > 0 && certificates[0] instanceof X509Certificate certificate) {
					subject = certificate.getSubjectX500Principal().getName();
				}
			}
			catch (SSLPeerUnverifiedException none) {
				// No client certificate: a session like any other.
			}
		}
		return new Peer(clientAddress(), subject);
	}

	@Override
	public @Nullable SSLSession getSslSession() {
		SslHandler tls = this.channel.pipeline().get(SslHandler.class);
		return (tls != null) ? tls.engine().getSession() : null;
	}

	/**
	 * Something to write, and whether the connection closes once it is written.
	 */
	private record Outgoing(Object payload, boolean closeAfter) {
	}

}
