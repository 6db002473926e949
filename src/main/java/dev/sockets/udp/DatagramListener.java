package dev.sockets.udp;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.apache.commons.logging.LogFactory;

import org.springframework.integration.handler.advice.AbstractRequestHandlerAdvice;
import org.springframework.integration.ip.IpHeaders;
import org.springframework.integration.ip.dsl.Udp;
import org.springframework.integration.ip.dsl.UdpUnicastOutboundChannelAdapterSpec;
import org.springframework.integration.ip.udp.inbound.UnicastReceivingChannelAdapter;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.GenericMessage;

import dev.sockets.config.ListenerDefinition;
import dev.sockets.config.UdpListenerProperties;
import dev.sockets.limits.AccessRules;
import dev.sockets.limits.SourceKeys;
import dev.sockets.limits.SourceTable;
import dev.sockets.limits.ThrottledLog;
import dev.sockets.limits.TokenBucket;
import dev.sockets.listener.CloseReason;
import dev.sockets.listener.ConnectionInfo;
import dev.sockets.listener.ConnectionLimits;
import dev.sockets.listener.DatagramDrop;
import dev.sockets.listener.Listener;
import dev.sockets.listener.ListenerBindException;
import dev.sockets.listener.ListenerId;
import dev.sockets.listener.ListenerState;
import dev.sockets.listener.ListenerStatus;
import dev.sockets.listener.TrafficRecorder;
import dev.sockets.listener.TrafficRecorders;

/**
 * A UDP listener: Spring Integration's unicast inbound adapter on a socket bound at
 * construction, so that a taken port fails startup rather than a background thread.
 * <p>
 * It differs from the stock adapter in what users of the classic services need: an empty
 * datagram is a message (RFC 868 time clients send one); a datagram larger than the limit
 * is detected and dropped rather than silently truncated; and each datagram is handled on
 * the receiving thread, so there is no queue that a flood could grow without bound. A
 * datagram that fails in the flow is logged and the listener goes on.
 * <p>
 * Datagrams that arrive while the receive buffer is full are dropped by the kernel, which
 * counts them per socket ({@link KernelDrops}); the count is carried over when the socket
 * is closed and bound again.
 */
public final class DatagramListener extends UnicastReceivingChannelAdapter implements Listener {

	/**
	 * Most client addresses rate-limited at once; datagrams from further addresses are
	 * dropped.
	 */
	private static final int MAX_SOURCES = 65_536;

	private static final long SWEEP_NANOS = 10_000_000_000L;

	/** How long a start or a stop waits for the receiving thread to begin or end. */
	private static final long RECEIVER_NANOS = TimeUnit.SECONDS.toNanos(5);

	private final ListenerId listenerId;

	private final int maxDatagramSize;

	private final boolean reuseAddress;

	private final int receiveBufferSize;

	/**
	 * Where the socket is bound: kept so that a restart binds the same port, even one
	 * chosen by the system.
	 */
	private final InetSocketAddress address;

	/** One byte more than the limit, so that an oversized datagram shows as one. */
	private final DatagramPacket packet;

	private final ThrottledLog warnings = new ThrottledLog(LogFactory.getLog(DatagramListener.class));

	private final TrafficRecorders recorders;

	private final KernelDrops kernelDrops;

	/**
	 * Held while the socket closes, so that its drops are never counted both as its own
	 * and as a closed socket's.
	 */
	private final Object dropsLock = new Object();

	/** Kernel drops of the sockets closed before the current one. */
	private long closedSocketsDrops;

	private TrafficRecorder recorder = TrafficRecorder.NONE;

	/** Why an operator paused or drained it; null unless one did. */
	private volatile ListenerStatus held;

	private final AccessRules access;

	/**
	 * Per-source token buckets; null when there is no rate limit. Touched only by the
	 * receiving thread.
	 */
	private final SourceTable<TokenBucket> rates;

	private final int ratePerSource;

	private long nextSweep;

	public DatagramListener(ListenerDefinition.Udp definition, TrafficRecorders recorders) {
		super(definition.address().getPort());
		UdpListenerProperties settings = definition.settings();
		this.listenerId = definition.id();
		this.maxDatagramSize = (int) Math.min(65_507, settings.maxDatagramSize().toBytes());
		this.packet = new DatagramPacket(new byte[this.maxDatagramSize + 1], this.maxDatagramSize + 1);
		this.reuseAddress = settings.reuseAddress();
		this.receiveBufferSize = (int) Math.min(Integer.MAX_VALUE, settings.receiveBufferSize().toBytes());
		DatagramSocket socket = bind(this.listenerId, definition.address(), this.reuseAddress, this.receiveBufferSize);
		// The configured address with the bound port: the socket reports a wildcard as
		// "::".
		this.address = new InetSocketAddress(definition.address().getAddress(), socket.getLocalPort());
		this.recorders = recorders;
		this.kernelDrops = new KernelDrops(Path.of("/proc"), this.address);
		this.access = settings.accessRules();
		this.ratePerSource = settings.ratePerSource();
		this.rates = (this.ratePerSource > 0)
				? new SourceTable<>(MAX_SOURCES, new SourceKeys(settings.ipv6PrefixLength()),
						() -> new TokenBucket(this.ratePerSource, 2.0 * this.ratePerSource, System.nanoTime()))
				: null;
		setSocket(socket);
		// One thread: it runs the receive loop, and each datagram is handled on it.
		setPoolSize(1);
	}

	private static DatagramSocket bind(ListenerId listenerId, InetSocketAddress address, boolean reuseAddress,
			int receiveBufferSize) {
		DatagramSocket socket = null;
		try {
			socket = new DatagramSocket(null);
			socket.setReuseAddress(reuseAddress);
			// The kernel caps this at net.core.rmem_max; what it holds is what a GC pause
			// may queue.
			socket.setReceiveBufferSize(receiveBufferSize);
			socket.bind(address);
			return socket;
		}
		catch (SocketException ex) {
			if (socket != null) {
				socket.close();
			}
			throw new ListenerBindException(listenerId, address, ex);
		}
	}

	@Override
	protected void onInit() {
		super.onInit();
		this.recorder = this.recorders.forListener(this);
	}

	@Override
	public ListenerId id() {
		return this.listenerId;
	}

	@Override
	public InetSocketAddress localAddress() {
		return this.address;
	}

	@Override
	public boolean isServing() {
		DatagramSocket socket = getTheSocket();
		return isRunning() && isListening() && socket != null && !socket.isClosed();
	}

	@Override
	public boolean isTls() {
		return false;
	}

	@Override
	public ListenerStatus status() {
		ListenerStatus held = this.held;
		if (held != null) {
			return held;
		}
		return isServing() ? ListenerStatus.SERVING : ListenerStatus.stopped(this.listenerId.protocol());
	}

	@Override
	public void startServing() {
		if (this.held == null) {
			start();
			awaitListening(true);
		}
	}

	@Override
	public void stopServing() {
		halt();
	}

	@Override
	public void pause(String reason) {
		this.held = ListenerStatus.held(ListenerState.PAUSED, reason);
		halt();
	}

	@Override
	public void drain(String reason) {
		// Nothing to close: draining a UDP listener is pausing it.
		this.held = ListenerStatus.held(ListenerState.DRAINING, reason);
		halt();
	}

	/**
	 * Stops, and waits for the receiving thread to end. Stopping closes the socket under
	 * that thread, which then stops the adapter once more before it ends: a start in
	 * between would be undone by it, its new socket closed.
	 */
	private void halt() {
		stop();
		awaitListening(false);
	}

	/**
	 * Waits, a bounded time, for the receiving thread to have begun or ended, so that
	 * what the listener reports once started or stopped is what it does.
	 */
	private void awaitListening(boolean listening) {
		long deadline = System.nanoTime() + RECEIVER_NANOS;
		while (isListening() != listening && isRunning() == listening && System.nanoTime() - deadline < 0) {
			LockSupport.parkNanos(1_000_000);
		}
	}

	@Override
	public void resume() {
		ListenerStatus held = this.held;
		if (held == null) {
			return;
		}
		this.held = null;
		try {
			if (isRunning()) {
				// Started by the application context while held, so not receiving.
				halt();
			}
			start();
			awaitListening(true);
		}
		catch (RuntimeException ex) {
			this.held = held;
			throw ex;
		}
	}

	@Override
	public Optional<ConnectionLimits> connectionLimits() {
		return Optional.empty();
	}

	@Override
	public int openConnections() {
		return 0;
	}

	@Override
	public long pendingOutputBytes() {
		return 0;
	}

	@Override
	public long kernelDrops() {
		synchronized (this.dropsLock) {
			DatagramSocket socket = getTheSocket();
			return this.closedSocketsDrops + ((socket != null && !socket.isClosed()) ? this.kernelDrops.read() : 0);
		}
	}

	@Override
	public List<ConnectionInfo> connections() {
		return List.of();
	}

	@Override
	public boolean close(String connectionId, CloseReason reason) {
		return false;
	}

	@Override
	public void closeAll(CloseReason reason) {
		// Datagrams have no connections.
	}

	@Override
	public void abortAll() {
		// Datagrams have no connections.
	}

	/**
	 * @return whether the datagram is to be answered: its source is allowed and within
	 * its rate
	 */
	private boolean admit(DatagramPacket packet, long now) {
		InetAddress source = packet.getAddress();
		if (!this.access.permits(source)) {
			this.recorder.datagramDropped(DatagramDrop.DENIED);
			this.warnings.warn("denied",
					() -> this.listenerId + ": dropped datagrams from denied " + source.getHostAddress());
			return false;
		}
		if (this.rates == null) {
			return true;
		}
		if (now - this.nextSweep > 0) {
			this.nextSweep = now + SWEEP_NANOS;
			this.rates.sweep((bucket) -> bucket.isFull(now));
		}
		boolean within = this.rates.apply(source, (bucket) -> bucket != null && bucket.tryTake(1, now));
		if (!within) {
			this.recorder.datagramDropped(DatagramDrop.RATE_LIMITED);
			this.warnings.warn("rate_limited", () -> this.listenerId + ": dropped datagrams from "
					+ source.getHostAddress() + " over " + this.ratePerSource + " per second");
			return false;
		}
		return true;
	}

	/**
	 * @return an outbound adapter that sends each message back to the sender of the
	 * datagram it answers, from this listener's socket (so the reply comes from the port
	 * the client wrote to)
	 */
	public UdpUnicastOutboundChannelAdapterSpec replyToSender() {
		return Udp.outboundAdapter((message) -> message.getHeaders().get(IpHeaders.PACKET_ADDRESS))
			.socketFunction((message) -> getSocket());
	}

	/**
	 * @return advice for the {@link #replyToSender()} endpoint that counts the answers
	 * sent
	 */
	public AbstractRequestHandlerAdvice answerCounter() {
		return new AbstractRequestHandlerAdvice() {
			@Override
			protected Object doInvoke(ExecutionCallback callback, Object target, Message<?> message) {
				Object result = callback.execute();
				DatagramListener.this.recorder
					.datagramAnswered((message.getPayload() instanceof byte[] bytes) ? bytes.length : 0);
				return result;
			}
		};
	}

	@Override
	protected void doStart() {
		if (this.held != null) {
			// Paused by an operator: the application context starting its beans again
			// does not undo that.
			return;
		}
		// Stopping closes the socket; a restart needs a new one on the same address.
		if (getSocket().isClosed()) {
			setSocket(bind(this.listenerId, this.address, this.reuseAddress, this.receiveBufferSize));
		}
		super.doStart();
	}

	@Override
	protected void doStop() {
		// The socket closes here, and its count with it: what it dropped so far is kept.
		synchronized (this.dropsLock) {
			DatagramSocket socket = getTheSocket();
			if (socket != null && !socket.isClosed()) {
				this.closedSocketsDrops += this.kernelDrops.read();
			}
			super.doStop();
		}
	}

	@Override
	protected DatagramPacket receive() throws IOException {
		// One packet, reused: only the receiving thread touches it, and every datagram is
		// handled
		// (its payload copied out) before the next receive.
		this.packet.setLength(this.packet.getData().length);
		getSocket().receive(this.packet);
		return this.packet;
	}

	@Override
	protected boolean asyncSendMessage(DatagramPacket packet) {
		doSend(packet);
		return true;
	}

	@Override
	protected void doSend(DatagramPacket packet) {
		this.recorder.datagramReceived(packet.getLength());
		if (packet.getLength() > this.maxDatagramSize) {
			this.recorder.datagramDropped(DatagramDrop.OVERSIZE);
			this.warnings.warn("oversize", () -> this.listenerId + ": dropped a datagram from "
					+ packet.getSocketAddress() + " larger than " + this.maxDatagramSize + " bytes");
			return;
		}
		long start = System.nanoTime();
		if (!admit(packet, start)) {
			return;
		}
		try {
			byte[] payload = Arrays.copyOfRange(packet.getData(), packet.getOffset(),
					packet.getOffset() + packet.getLength());
			// Only the sender's address, which the reply needs: every header is copied by
			// every message
			// the flow builds from this one.
			sendMessage(new GenericMessage<>(payload, Map.of(IpHeaders.PACKET_ADDRESS, packet.getSocketAddress())));
			this.recorder.handled(1, System.nanoTime() - start);
		}
		catch (RuntimeException ex) {
			this.recorder.datagramDropped(DatagramDrop.ERROR);
			this.warnings.warn("error", () -> this.listenerId + ": failed to answer a datagram from "
					+ packet.getSocketAddress() + ": " + ex.getMessage());
		}
	}

}
