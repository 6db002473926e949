package dev.sockets.tcp;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.RecvByteBufAllocator;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioChannelOption;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.unix.IntegerUnixChannelOption;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import jdk.net.ExtendedSocketOptions;

import org.springframework.beans.factory.DisposableBean;

import dev.sockets.config.TcpKeepaliveProperties;

/**
 * The threads every listener shares: a fixed few read and write connections and, on
 * epoll, accept them and receive and answer datagrams too; one more runs the idle sweeps
 * and, where epoll is missing, accepts for every listener.
 * <p>
 * Connections never get a thread of their own. Each is served by one I/O thread, which
 * decodes its input, runs the flow and writes the reply without a hand-off, so the thread
 * count is bounded by configuration whatever the number of clients, and a line costs no
 * context switch.
 * <p>
 * Every connection's buffers come from one allocator, Netty's default, so that its meters
 * ({@link EventLoopMeters}) tell what the connections hold.
 */
public final class EventLoops implements DisposableBean {

	/**
	 * The most a connection's read of lines takes: see {@link #readBuffers(Dialogue)}.
	 */
	static final int MAX_READ = 8192;

	/**
	 * The most a connection's read of bytes takes: see {@link #readBuffers(Dialogue)}.
	 */
	static final int MAX_BYTES_READ = 16384;

	// Linux's socket options, as <sys/socket.h> and <netinet/tcp.h> number them, for a
	// listening socket: epoll's own options apply to accepted connections only.
	private static final ChannelOption<Integer> SO_KEEPALIVE = new IntegerUnixChannelOption("SO_KEEPALIVE", 1, 9);

	private static final ChannelOption<Integer> TCP_KEEPIDLE = new IntegerUnixChannelOption("TCP_KEEPIDLE", 6, 4);

	private static final ChannelOption<Integer> TCP_KEEPINTVL = new IntegerUnixChannelOption("TCP_KEEPINTVL", 6, 5);

	private static final ChannelOption<Integer> TCP_KEEPCNT = new IntegerUnixChannelOption("TCP_KEEPCNT", 6, 6);

	/** Whether the JDK sets keepalive timings on this platform's sockets. */
	private static final boolean NIO_KEEPALIVE_TIMINGS = nioKeepaliveTimings();

	private final EventLoopGroup acceptor;

	private final EventLoopGroup workers;

	private final Class<? extends ServerChannel> serverChannelType;

	/**
	 * @param ioThreads threads reading and writing connections; 0 for one per CPU
	 */
	public EventLoops(int ioThreads) {
		boolean epoll = Epoll.isAvailable();
		IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
		int threads = (ioThreads > 0) ? ioThreads : Runtime.getRuntime().availableProcessors();
		this.acceptor = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("sockets-accept"), io);
		this.workers = new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory("sockets-io"), io);
		this.serverChannelType = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
	}

	EventLoopGroup acceptor() {
		return this.acceptor;
	}

	public EventLoopGroup workers() {
		return this.workers;
	}

	ByteBufAllocator allocator() {
		return ByteBufAllocator.DEFAULT;
	}

	/**
	 * How much each read of a connection takes at most: 8 KiB of lines, 16 KiB of bytes.
	 * With a heap of at most 512 MB, as in the pod, Netty's adaptive allocator pools
	 * nothing larger than 16,896 bytes, and every larger buffer is allocated, zeroed and
	 * freed again; the default reads of up to 64 KiB (and the echo's replies to them)
	 * were such buffers on every read under load. Bytes are answered as they came, so
	 * their reply is no larger than the read; the reply to a read of lines can be (CRLF
	 * for LF, a prefix), so it reads half as much.
	 */
	RecvByteBufAllocator readBuffers(Dialogue dialogue) {
		return new AdaptiveRecvByteBufAllocator(64, 2048, (dialogue == Dialogue.BYTES) ? MAX_BYTES_READ : MAX_READ);
	}

	/**
	 * @return the bootstraps of a listener's sockets: on epoll one per I/O thread, which
	 * accepts and serves its own connections, sharing the port with {@code SO_REUSEPORT};
	 * elsewhere one, whose connections the accepting thread hands to the I/O threads
	 */
	List<ServerBootstrap> listeningSockets(ServerBootstrap bootstrap) {
		if (this.serverChannelType != EpollServerSocketChannel.class) {
			return List.of(bootstrap.clone().group(this.acceptor, this.workers));
		}
		List<ServerBootstrap> sockets = new ArrayList<>();
		for (EventExecutor thread : this.workers) {
			EventLoop loop = (EventLoop) thread;
			sockets.add(bootstrap.clone().group(loop, loop).option(EpollChannelOption.SO_REUSEPORT, true));
		}
		return sockets;
	}

	Class<? extends ServerChannel> serverChannelType() {
		return this.serverChannelType;
	}

	/**
	 * Sets TCP keepalive on the connections a server accepts, with the timings in the
	 * transport's own options. On epoll they are set once, on the listening socket: Linux
	 * gives an accepted socket the options of the socket that accepted it, where setting
	 * them on each connection cost four system calls per connection. Elsewhere each
	 * accepted connection gets them, the timings where the JDK's extended socket options
	 * have them.
	 */
	void keepalive(ServerBootstrap bootstrap, TcpKeepaliveProperties keepalive) {
		int idle = (int) keepalive.idle().toSeconds();
		int interval = (int) keepalive.interval().toSeconds();
		if (this.serverChannelType == EpollServerSocketChannel.class) {
			if (keepalive.enabled()) {
				bootstrap.option(SO_KEEPALIVE, 1)
					.option(TCP_KEEPIDLE, idle)
					.option(TCP_KEEPINTVL, interval)
					.option(TCP_KEEPCNT, keepalive.count());
			}
			return;
		}
		bootstrap.childOption(ChannelOption.SO_KEEPALIVE, keepalive.enabled());
		if (keepalive.enabled() && NIO_KEEPALIVE_TIMINGS) {
			bootstrap.childOption(NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPIDLE), idle)
				.childOption(NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPINTERVAL), interval)
				.childOption(NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPCOUNT), keepalive.count());
		}
	}

	private static boolean nioKeepaliveTimings() {
		try (SocketChannel probe = SocketChannel.open()) {
			return probe.supportedOptions().contains(ExtendedSocketOptions.TCP_KEEPIDLE);
		}
		catch (IOException ex) {
			return false;
		}
	}

	@Override
	public void destroy() {
		this.acceptor.shutdownGracefully(0, 2, TimeUnit.SECONDS);
		this.workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
	}

}
