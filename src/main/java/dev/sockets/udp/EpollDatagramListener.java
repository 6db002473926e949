package dev.sockets.udp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.unix.Socket;
import io.netty.util.concurrent.EventExecutor;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.integration.endpoint.MessageProducerSupport;
import org.springframework.integration.handler.advice.AbstractRequestHandlerAdvice;
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
 * A UDP listener on Netty's epoll transport: one socket per I/O thread, all bound to the
 * listener's port with {@code SO_REUSEPORT}, so that the kernel spreads the datagrams
 * over the threads; each thread reads its socket's datagrams in batches
 * ({@code recvmmsg}, where the kernel has it), hands each to the flow as it is read, and
 * sends the answers of one batch together ({@code sendmmsg}).
 * <p>
 * Each datagram is served on the thread that read it, as TCP lines are, so there is no
 * queue between the socket and the flow that a flood could grow; what arrives while every
 * thread is busy waits in the sockets' receive buffers, and what does not fit there is
 * dropped and counted by the kernel ({@link KernelDrops}), per socket.
 */
final class EpollDatagramListener extends MessageProducerSupport implements DatagramListener {

	private static final Log logger = LogFactory.getLog(DatagramListener.class);

	/** What an empty datagram carries: native code wants a direct buffer. */
	private static final ByteBuffer NOTHING = ByteBuffer.allocateDirect(1);

	/** Datagrams read with one {@code recvmmsg}, at most. */
	private static final int MAX_BATCH = 16;

	/**
	 * The largest buffer Netty's adaptive allocator pools when the heap is at most 512
	 * MB, as in the pod: anything larger is allocated, zeroed and freed on every read.
	 */
	private static final int POOLED_BUFFER = 16_896;

	private final ListenerId listenerId;

	private final UdpListenerProperties settings;

	private final EventLoopGroup ioThreads;

	private final DatagramAdmission admission;

	private final TrafficRecorders recorders;

	/**
	 * Where the sockets are bound: kept so that a restart binds the same port, even one
	 * chosen by the system.
	 */
	private final InetSocketAddress address;

	private final KernelDropCount kernelDrops;

	private TrafficRecorder recorder = TrafficRecorder.NONE;

	/** One per I/O thread, in the order of the threads. */
	private volatile List<EpollDatagramChannel> channels;

	private final OperatorHold hold = new OperatorHold();

	EpollDatagramListener(ListenerDefinition.Udp definition, TrafficRecorders recorders, EventLoopGroup ioThreads) {
		this.listenerId = definition.id();
		this.settings = definition.settings();
		this.ioThreads = ioThreads;
		this.recorders = recorders;
		this.admission = new DatagramAdmission(this.listenerId, this.settings, logger);
		this.channels = bind(definition.address());
		int port = ((InetSocketAddress) this.channels.get(0).localAddress()).getPort();
		// The configured address with the bound port: a socket reports a wildcard as
		// "::".
		this.address = new InetSocketAddress(definition.address().getAddress(), port);
		this.kernelDrops = new KernelDropCount(this.address);
	}

	/**
	 * Binds a socket on every I/O thread, the first where asked (port 0 picks one), the
	 * others on the port it got; none reads until the listener starts.
	 */
	private List<EpollDatagramChannel> bind(InetSocketAddress address) {
		int payload = this.admission.maxDatagramSize() + 1;
		Bootstrap bootstrap = new Bootstrap().channel(EpollDatagramChannel.class)
			.option(EpollChannelOption.SO_REUSEPORT, true)
			.option(ChannelOption.SO_REUSEADDR, this.settings.reuseAddress())
			// The kernel caps this at net.core.rmem_max; what it holds is what a GC pause
			// may queue.
			.option(ChannelOption.SO_RCVBUF,
					(int) Math.min(Integer.MAX_VALUE, this.settings.receiveBufferSize().toBytes()))
			.option(ChannelOption.AUTO_READ, false)
			// One byte over the limit, so that an oversized datagram shows as one
			// (truncated to it) rather than as one that fits.
			.option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, payload)
			.option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(payload * batch(payload)))
			.handler(new Receiver());
		List<EpollDatagramChannel> bound = new ArrayList<>();
		InetSocketAddress next = address;
		try {
			for (EventExecutor thread : this.ioThreads) {
				ChannelFuture binding = bootstrap.clone().group((EventLoop) thread).bind(next).awaitUninterruptibly();
				if (!binding.isSuccess()) {
					throw new ListenerBindException(this.listenerId, next, binding.cause());
				}
				bound.add((EpollDatagramChannel) binding.channel());
				next = new InetSocketAddress(address.getAddress(),
						((InetSocketAddress) binding.channel().localAddress()).getPort());
			}
			return List.copyOf(bound);
		}
		catch (RuntimeException ex) {
			bound.forEach((channel) -> channel.close().awaitUninterruptibly());
			throw ex;
		}
	}

	/**
	 * @return how many datagrams of at most that size one read takes: as many as fit in a
	 * pooled buffer, and at least one
	 */
	static int batch(int payload) {
		return Math.max(1, Math.min(MAX_BATCH, POOLED_BUFFER / payload));
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
		return isRunning() && !this.hold.isHeld() && open();
	}

	private boolean open() {
		return this.channels.stream().allMatch(EpollDatagramChannel::isOpen);
	}

	@Override
	public ListenerStatus status() {
		return this.hold.status(this.listenerId, isServing());
	}

	@Override
	public void startServing() {
		if (!this.hold.isHeld()) {
			start();
		}
	}

	@Override
	public void stopServing() {
		stop();
	}

	@Override
	public void pause(String reason) {
		this.hold.hold(ListenerState.PAUSED, reason, this::stop);
	}

	@Override
	public void drain(String reason) {
		this.hold.hold(ListenerState.DRAINING, reason, this::stop);
	}

	@Override
	public void resume() {
		this.hold.resume(() -> {
			// Started by the application context while held, and so not reading.
			stop();
			start();
		});
	}

	@Override
	public long kernelDrops() {
		return this.kernelDrops.read(open());
	}

	@Override
	public MessageProducerSupport producer() {
		return this;
	}

	/**
	 * @return a handler that writes each answer on the socket that received the datagram
	 * it answers, which is the one of the thread it runs on; it goes out with the other
	 * answers of that socket's batch
	 */
	@Override
	public MessageHandler replyToSender() {
		return (message) -> {
			byte[] payload = (byte[]) message.getPayload();
			InetSocketAddress sender = DatagramAdmission.sender(message);
			EpollDatagramChannel channel = channelOfThisThread();
			if (payload.length == 0) {
				sendEmpty(channel, sender);
				return;
			}
			DatagramPacket answer = new DatagramPacket(Unpooled.wrappedBuffer(payload), sender);
			if (channel.eventLoop().inEventLoop()) {
				channel.write(answer, channel.voidPromise());
			}
			else {
				channel.writeAndFlush(answer, channel.voidPromise());
			}
		};
	}

	/**
	 * Sends an empty datagram straight on the socket: Netty writes none (it takes one for
	 * nothing to send), and echo answers an empty datagram with an empty one.
	 */
	private static void sendEmpty(EpollDatagramChannel channel, InetSocketAddress to) {
		try {
			((Socket) channel.fd()).sendTo(NOTHING, 0, 0, to.getAddress(), to.getPort());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * @return the socket of the I/O thread this runs on; any socket on another thread,
	 * since they all share the port
	 */
	private EpollDatagramChannel channelOfThisThread() {
		List<EpollDatagramChannel> channels = this.channels;
		for (EpollDatagramChannel channel : channels) {
			if (channel.eventLoop().inEventLoop()) {
				return channel;
			}
		}
		return channels.get(0);
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
		// Stopping closes the sockets; a restart needs new ones on the same address.
		if (!open()) {
			this.channels = bind(this.address);
		}
		this.channels.forEach((channel) -> channel.config().setAutoRead(true));
	}

	@Override
	protected void doStop() {
		// The sockets close here, and their counts with them: what they dropped so far is
		// kept.
		this.kernelDrops.closing(open(),
				() -> this.channels.forEach((channel) -> channel.close().awaitUninterruptibly()));
	}

	@Override
	public String getComponentType() {
		return "udp-epoll-inbound-channel-adapter";
	}

	/**
	 * Every socket's reader: serves each datagram as it is read, and flushes the answers
	 * once the batch is read.
	 */
	@Sharable
	private final class Receiver extends ChannelInboundHandlerAdapter {

		@Override
		public void channelRead(ChannelHandlerContext ctx, Object msg) {
			DatagramPacket packet = (DatagramPacket) msg;
			try {
				long start = System.nanoTime();
				InetSocketAddress sender = packet.sender();
				TrafficRecorder recorder = EpollDatagramListener.this.recorder;
				if (EpollDatagramListener.this.admission.admit(sender, packet.content().readableBytes(), start,
						recorder)) {
					byte[] payload = ByteBufUtil.getBytes(packet.content());
					EpollDatagramListener.this.admission.serve(payload, sender, start, recorder,
							EpollDatagramListener.this::sendMessage);
				}
			}
			finally {
				packet.release();
			}
		}

		@Override
		public void channelReadComplete(ChannelHandlerContext ctx) {
			ctx.flush();
		}

		@Override
		public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
			// A failed read or send is one datagram's; the socket serves on.
			logger.debug(EpollDatagramListener.this.listenerId + ": " + cause);
		}

	}

}
