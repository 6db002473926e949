package dev.sockets.udp;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.apache.commons.logging.LogFactory;

import org.springframework.integration.endpoint.MessageProducerSupport;
import org.springframework.integration.handler.advice.AbstractRequestHandlerAdvice;
import org.springframework.integration.ip.dsl.Udp;
import org.springframework.integration.ip.udp.inbound.UnicastReceivingChannelAdapter;
import org.springframework.messaging.MessageHandler;

import dev.sockets.config.ListenerDefinition;
import dev.sockets.config.UdpListenerProperties;
import dev.sockets.listener.ListenerBindException;
import dev.sockets.listener.ListenerId;
import dev.sockets.listener.ListenerState;
import dev.sockets.listener.ListenerStatus;
import dev.sockets.listener.TrafficRecorder;
import dev.sockets.listener.TrafficRecorders;

/**
 * A UDP listener where Netty's epoll transport does not run: Spring Integration's unicast
 * inbound adapter on a socket bound at construction, so that a taken port fails startup
 * rather than a background thread.
 * <p>
 * It differs from the stock adapter in what users of the classic services need: an empty
 * datagram is a message (RFC 868 time clients send one); a datagram larger than the limit
 * is detected and dropped rather than silently truncated; and each datagram is handled on
 * the receiving thread, so there is no queue that a flood could grow without bound. A
 * datagram that fails in the flow is logged and the listener goes on. One thread receives
 * and serves every datagram.
 * <p>
 * Datagrams that arrive while the receive buffer is full are dropped by the kernel, which
 * counts them per socket ({@link KernelDrops}); the count is carried over when the socket
 * is closed and bound again.
 */
public final class SocketDatagramListener extends UnicastReceivingChannelAdapter implements DatagramListener {

	/** How long a start or a stop waits for the receiving thread to begin or end. */
	private static final long RECEIVER_NANOS = TimeUnit.SECONDS.toNanos(5);

	private final ListenerId listenerId;

	private final DatagramAdmission admission;

	private final boolean reuseAddress;

	private final int receiveBufferSize;

	/**
	 * Where the socket is bound: kept so that a restart binds the same port, even one
	 * chosen by the system.
	 */
	private final InetSocketAddress address;

	/** One byte more than the limit, so that an oversized datagram shows as one. */
	private final DatagramPacket packet;

	private final TrafficRecorders recorders;

	private final KernelDropCount kernelDrops;

	private TrafficRecorder recorder = TrafficRecorder.NONE;

	private final OperatorHold hold = new OperatorHold();

	SocketDatagramListener(ListenerDefinition.Udp definition, TrafficRecorders recorders) {
		super(definition.address().getPort());
		UdpListenerProperties settings = definition.settings();
		this.listenerId = definition.id();
		this.admission = new DatagramAdmission(this.listenerId, settings, LogFactory.getLog(DatagramListener.class));
		int buffer = this.admission.maxDatagramSize() + 1;
		this.packet = new DatagramPacket(new byte[buffer], buffer);
		this.reuseAddress = settings.reuseAddress();
		this.receiveBufferSize = (int) Math.min(Integer.MAX_VALUE, settings.receiveBufferSize().toBytes());
		DatagramSocket socket = bind(this.listenerId, definition.address(), this.reuseAddress, this.receiveBufferSize);
		// The configured address with the bound port: the socket reports a wildcard as
		// "::".
		this.address = new InetSocketAddress(definition.address().getAddress(), socket.getLocalPort());
		this.recorders = recorders;
		this.kernelDrops = new KernelDropCount(this.address);
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
		return isRunning() && isListening() && open();
	}

	@Override
	public ListenerStatus status() {
		return this.hold.status(this.listenerId, isServing());
	}

	@Override
	public void startServing() {
		if (!this.hold.isHeld()) {
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
		this.hold.hold(ListenerState.PAUSED, reason, this::halt);
	}

	@Override
	public void drain(String reason) {
		this.hold.hold(ListenerState.DRAINING, reason, this::halt);
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
		this.hold.resume(() -> {
			if (isRunning()) {
				// Started by the application context while held, so not receiving.
				halt();
			}
			start();
			awaitListening(true);
		});
	}

	@Override
	public long kernelDrops() {
		return this.kernelDrops.read(open());
	}

	private boolean open() {
		DatagramSocket socket = getTheSocket();
		return socket != null && !socket.isClosed();
	}

	@Override
	public MessageProducerSupport producer() {
		return this;
	}

	/**
	 * @return Spring Integration's outbound adapter on this listener's socket, so the
	 * reply comes from the port the client wrote to
	 */
	@Override
	public MessageHandler replyToSender() {
		return Udp.outboundAdapter(DatagramAdmission::sender).socketFunction((message) -> getSocket()).getObject();
	}

	@Override
	public AbstractRequestHandlerAdvice answerCounter() {
		return new AnswerCounter(() -> this.recorder);
	}

	@Override
	protected void doStart() {
		if (this.hold.isHeld()) {
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
		this.kernelDrops.closing(open(), super::doStop);
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
		long start = System.nanoTime();
		InetSocketAddress sender = (InetSocketAddress) packet.getSocketAddress();
		if (this.admission.admit(sender, packet.getLength(), start, this.recorder)) {
			byte[] payload = Arrays.copyOfRange(packet.getData(), packet.getOffset(),
					packet.getOffset() + packet.getLength());
			this.admission.serve(payload, sender, start, this.recorder, this::sendMessage);
		}
	}

}
