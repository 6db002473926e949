package dev.sockets.tcp;

import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

import org.springframework.beans.factory.DisposableBean;

/**
 * The threads every listener shares: one accepts connections, a fixed few read and write
 * them, and, on epoll, receive and answer datagrams too.
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

	Class<? extends ServerChannel> serverChannelType() {
		return this.serverChannelType;
	}

	@Override
	public void destroy() {
		this.acceptor.shutdownGracefully(0, 2, TimeUnit.SECONDS);
		this.workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
	}

}
