package dev.sockets.listener;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;

import dev.sockets.tcp.NettyServerConnectionFactory;
import dev.sockets.udp.DatagramListener;

/**
 * Every listener of the running service, and the moment they start and stop serving.
 * <p>
 * Accepting starts in a late lifecycle phase, after every integration flow has started, so the
 * first client cannot arrive before the flow that serves it. It stops first on shutdown, before the
 * flows and the management server stop, and in this order: listeners stop accepting connections and
 * datagrams; clients that should hear it are told ({@link ShutdownNotice}); every open connection
 * is closed after what it was already sent, and those still open when the shutdown timeout runs out
 * are cut.
 */
public final class Listeners implements SmartLifecycle {

	/** After Spring Integration's endpoints (phase 0) and the web server; before graceful shutdown. */
	static final int PHASE = Integer.MAX_VALUE - 1000;

	private static final Log logger = LogFactory.getLog(Listeners.class);

	private final InetAddress bindAddress;

	private final List<NettyServerConnectionFactory> tcp;

	private final List<DatagramListener> udp;

	private final List<ShutdownNotice> notices;

	private final Duration shutdownTimeout;

	private volatile boolean running;

	public Listeners(InetAddress bindAddress, List<NettyServerConnectionFactory> tcp, List<DatagramListener> udp,
			List<ShutdownNotice> notices, Duration shutdownTimeout) {
		this.bindAddress = bindAddress;
		this.tcp = List.copyOf(tcp);
		this.udp = List.copyOf(udp);
		this.notices = List.copyOf(notices);
		this.shutdownTimeout = shutdownTimeout;
	}

	/**
	 * @return every TCP listener
	 */
	public List<NettyServerConnectionFactory> tcp() {
		return this.tcp;
	}

	/**
	 * @return every UDP listener
	 */
	public List<DatagramListener> udp() {
		return this.udp;
	}

	/**
	 * @return every listener, TCP first
	 */
	public List<Listener> all() {
		List<Listener> all = new ArrayList<>(this.tcp);
		all.addAll(this.udp);
		return all;
	}

	/**
	 * @return the identities of every enabled listener
	 */
	public List<ListenerId> ids() {
		return all().stream().map(Listener::listenerId).toList();
	}

	/**
	 * @return the address a listener is bound to, if it is enabled
	 */
	public Optional<InetSocketAddress> address(ListenerId id) {
		return all().stream()
			.filter((listener) -> listener.listenerId().equals(id))
			.map(Listener::localAddress)
			.findFirst();
	}

	/**
	 * @return the port a listener is bound to, which differs from the configured one when that is 0
	 * @throws IllegalArgumentException if the listener is not enabled
	 */
	public int port(String service, Protocol protocol) {
		ListenerId id = new ListenerId(service, protocol);
		return address(id).orElseThrow(() -> new IllegalArgumentException(id + " is not enabled")).getPort();
	}

	@Override
	public void start() {
		this.tcp.forEach(NettyServerConnectionFactory::startAccepting);
		this.running = true;
		for (ListenerId id : ids()) {
			address(id).ifPresent((address) -> logger.info(id + " listening on " + display(address)));
		}
	}

	private String display(InetSocketAddress address) {
		String host = this.bindAddress.getHostAddress();
		return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
	}

	@Override
	public void stop() {
		if (!this.running) {
			return;
		}
		this.running = false;
		this.tcp.forEach(NettyServerConnectionFactory::stopAccepting);
		this.udp.forEach(DatagramListener::stop);
		logger.info("Shutting down: listeners no longer accept connections or datagrams");
		this.notices.forEach(ShutdownNotice::shuttingDown);
		drain();
	}

	/**
	 * Closes every connection after what it was sent, waiting at most the shutdown timeout.
	 */
	private void drain() {
		long start = System.nanoTime();
		this.tcp.forEach((listener) -> listener.closeAll(CloseReason.SHUTDOWN));
		long deadline = start + this.shutdownTimeout.toNanos();
		while (openConnections() > 0 && System.nanoTime() - deadline < 0) {
			LockSupport.parkNanos(10_000_000);
		}
		int left = openConnections();
		if (left > 0) {
			logger.warn("Shutting down: " + left + " connections still open after " + this.shutdownTimeout.toSeconds()
					+ " s; cutting them");
			this.tcp.forEach(NettyServerConnectionFactory::abortAll);
		}
		else {
			logger.info("Shutting down: every connection closed in " + (System.nanoTime() - start) / 1_000_000 + " ms");
		}
	}

	private int openConnections() {
		return this.tcp.stream().mapToInt(NettyServerConnectionFactory::openConnections).sum();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}
