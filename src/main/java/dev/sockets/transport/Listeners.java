package dev.sockets.transport;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;

import dev.sockets.transport.tcp.NettyServerConnectionFactory;
import dev.sockets.transport.udp.DatagramListener;

/**
 * Every listener of the running service, and the moment TCP listeners start and stop accepting.
 * <p>
 * Accepting starts in a late lifecycle phase, after every integration flow has started, so the
 * first client cannot arrive before the flow that serves it; and it stops first on shutdown, before
 * the flows and the management server stop.
 */
public final class Listeners implements SmartLifecycle {

	/** After Spring Integration's endpoints (phase 0) and the web server; before graceful shutdown. */
	static final int PHASE = Integer.MAX_VALUE - 1000;

	private final List<NettyServerConnectionFactory> tcp;

	private final List<DatagramListener> udp;

	private volatile boolean running;

	private static final Log logger = LogFactory.getLog(Listeners.class);

	private final InetAddress bindAddress;

	public Listeners(InetAddress bindAddress, List<NettyServerConnectionFactory> tcp, List<DatagramListener> udp) {
		this.bindAddress = bindAddress;
		this.tcp = List.copyOf(tcp);
		this.udp = List.copyOf(udp);
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
		this.tcp.forEach(NettyServerConnectionFactory::stopAccepting);
		this.running = false;
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
