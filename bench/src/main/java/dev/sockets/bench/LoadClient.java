package dev.sockets.bench;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;

/**
 * The load generator's network side: a few I/O threads, and many connections opened at a
 * bounded pace so that the server's accept queue never overflows into SYN
 * retransmissions.
 */
final class LoadClient implements AutoCloseable {

	private static final int CONNECTS_IN_FLIGHT = 128;

	private final EventLoopGroup group;

	LoadClient(int threads) {
		this.group = new MultiThreadIoEventLoopGroup(threads, EpollIoHandler.newFactory());
	}

	EventLoopGroup group() {
		return this.group;
	}

	/**
	 * Opens connections, each with a handler of its own, and waits until all are open.
	 * @throws IllegalStateException if any connection fails
	 */
	List<Channel> connect(int port, int count, Supplier<ChannelHandler> handler) {
		return connect(port, count, handler, List.of());
	}

	/**
	 * Opens connections as {@link #connect(int, int, Supplier)} does, from several source
	 * addresses in turn, so that their count is not bounded by the ephemeral ports of one
	 * address (28,232 here).
	 * @param sources the client's loopback addresses, e.g. 127.0.0.2; none for the
	 * kernel's choice
	 */
	List<Channel> connect(int port, int count, Supplier<ChannelHandler> handler, List<InetAddress> sources) {
		Semaphore inFlight = new Semaphore(CONNECTS_IN_FLIGHT);
		AtomicInteger failures = new AtomicInteger();
		List<ChannelFuture> futures = new ArrayList<>(count);
		Bootstrap bootstrap = bootstrap();
		for (int i = 0; i < count; i++) {
			inFlight.acquireUninterruptibly();
			InetSocketAddress server = new InetSocketAddress("127.0.0.1", port);
			ChannelFuture future = sources.isEmpty() ? bootstrap.handler(handler.get()).connect(server)
					: bootstrap.handler(handler.get())
						.connect(server, new InetSocketAddress(sources.get(i % sources.size()), 0));
			future.addListener((done) -> {
				if (!done.isSuccess()) {
					failures.incrementAndGet();
				}
				inFlight.release();
			});
			futures.add(future);
		}
		inFlight.acquireUninterruptibly(CONNECTS_IN_FLIGHT);
		if (failures.get() > 0) {
			throw new IllegalStateException(
					failures.get() + " of " + count + " connections to port " + port + " failed");
		}
		return futures.stream().map(ChannelFuture::channel).toList();
	}

	Bootstrap bootstrap() {
		return new Bootstrap().group(this.group)
			.channel(EpollSocketChannel.class)
			.option(ChannelOption.TCP_NODELAY, true)
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000);
	}

	static void closeAll(List<Channel> channels) {
		channels.forEach(Channel::close);
		channels.forEach((channel) -> channel.closeFuture().awaitUninterruptibly(5, TimeUnit.SECONDS));
	}

	/**
	 * Waits until a moment given by {@link System#nanoTime()}.
	 */
	static void parkUntil(long deadline) {
		long wait;
		while ((wait = deadline - System.nanoTime()) > 0) {
			java.util.concurrent.locks.LockSupport.parkNanos(wait);
		}
	}

	@Override
	public void close() {
		this.group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
	}

}
