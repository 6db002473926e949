package dev.sockets.listener;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Every listener of the running service, and the moment they start and stop serving.
 * <p>
 * Serving starts in a late lifecycle phase, after every integration flow has started, so
 * the first client cannot arrive before the flow that serves it. It stops first on
 * shutdown, before the flows and the management server stop, and in this order: listeners
 * stop accepting connections and datagrams; clients that should hear it are told
 * ({@link ShutdownNotice}); every open connection is closed after what it was already
 * sent, and those still open when the shutdown timeout runs out are cut.
 * <p>
 * While the service runs, an operator can pause a listener (new clients are refused, open
 * connections go on), drain it (paused, its clients told as on shutdown, its connections
 * closed after what they were sent) and resume it.
 */
public final class Listeners implements SmartLifecycle {

	/**
	 * After Spring Integration's endpoints (phase 0) and the web server; before graceful
	 * shutdown.
	 */
	static final int PHASE = Integer.MAX_VALUE - 1000;

	private static final Log logger = LogFactory.getLog(Listeners.class);

	private final List<Listener> all;

	private final List<ShutdownNotice> notices;

	private final List<ServingCondition> conditions;

	private final List<DrainNotice> drainNotices;

	private final Duration shutdownTimeout;

	/**
	 * Guards {@link #running} against an operator's resume racing the shutdown's stop.
	 */
	private final Object lifecycle = new Object();

	private volatile boolean running;

	public Listeners(List<? extends Listener> listeners, List<ShutdownNotice> notices, List<DrainNotice> drainNotices,
			Duration shutdownTimeout) {
		this(listeners, notices, drainNotices, List.of(), shutdownTimeout);
	}

	public Listeners(List<? extends Listener> listeners, List<ShutdownNotice> notices, List<DrainNotice> drainNotices,
			List<ServingCondition> conditions, Duration shutdownTimeout) {
		this.all = List.copyOf(listeners);
		this.notices = List.copyOf(notices);
		this.drainNotices = List.copyOf(drainNotices);
		this.conditions = List.copyOf(conditions);
		this.shutdownTimeout = shutdownTimeout;
	}

	/**
	 * @return every listener, in the order of their configuration
	 */
	public List<Listener> all() {
		return this.all;
	}

	/**
	 * @return the listener of that name, if it is enabled
	 */
	public Optional<Listener> named(String name) {
		return this.all.stream().filter((listener) -> listener.id().name().equals(name)).findFirst();
	}

	/**
	 * @return the port a listener is bound to, which differs from the configured one when
	 * that is 0
	 * @throws IllegalArgumentException if no listener of that name is enabled
	 */
	public int port(String name) {
		return named(name).orElseThrow(() -> new IllegalArgumentException(name + " is not enabled"))
			.localAddress()
			.getPort();
	}

	/**
	 * @return the listener that has this connection open, if any
	 */
	public Optional<ConnectionInfo> connection(String connectionId) {
		return this.all.stream()
			.flatMap((listener) -> listener.connections().stream())
			.filter((connection) -> connection.id().equals(connectionId))
			.findFirst();
	}

	/**
	 * Closes a connection, whichever listener has it, after what it was already sent.
	 * @return whether a listener had it open
	 */
	public boolean close(String connectionId, CloseReason reason) {
		for (Listener listener : this.all) {
			if (listener.close(connectionId, reason)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Pauses a listener: new clients are refused until it is resumed; open connections go
	 * on.
	 * @param reason why, in the operator's words
	 * @return the listener, if there is one of that name
	 * @throws IllegalStateException if the service is stopping
	 */
	public Optional<Listener> pause(String name, String reason) {
		Optional<Listener> found = named(name);
		found.ifPresent((listener) -> {
			whileRunning(() -> listener.pause(reason));
			logger.info(name + " paused: " + reason);
		});
		return found;
	}

	/**
	 * Drains a listener: it is paused, the clients that should hear it are told
	 * ({@link DrainNotice}), and every open connection is closed after what it was
	 * already sent. It stays so until it is resumed.
	 * @param reason why, in the operator's words
	 * @return the listener, if there is one of that name
	 * @throws IllegalStateException if the service is stopping
	 */
	public Optional<Listener> drain(String name, String reason) {
		Optional<Listener> found = named(name);
		found.ifPresent((listener) -> {
			whileRunning(() -> listener.drain(reason));
			int open = listener.openConnections();
			this.drainNotices.forEach((notice) -> notice.draining(listener));
			listener.closeAll(CloseReason.DRAINING);
			logger.info(name + " draining: " + reason + "; closing " + open + " connections");
		});
		return found;
	}

	/**
	 * Serves again with a listener that was paused or drained.
	 * @return the listener, if there is one of that name
	 * @throws IllegalStateException if the service is stopping
	 * @throws ListenerBindException if its port was taken meanwhile
	 */
	public Optional<Listener> resume(String name) {
		Optional<Listener> found = named(name);
		found.ifPresent((listener) -> {
			whileRunning(listener::resume);
			logger.info(name + " resumed: listening on " + Addresses.display(listener.localAddress()));
		});
		return found;
	}

	private void whileRunning(Runnable action) {
		synchronized (this.lifecycle) {
			if (!this.running) {
				throw new IllegalStateException("The service is not running");
			}
			action.run();
		}
	}

	@Override
	public void start() {
		Set<Service> waiting = new HashSet<>();
		this.conditions.forEach((condition) -> waiting.add(condition.service()));
		serve(this.all.stream().filter((listener) -> !waiting.contains(listener.id().service())).toList());
		for (ServingCondition condition : this.conditions) {
			condition.await();
			serve(this.all.stream().filter((listener) -> listener.id().service() == condition.service()).toList());
		}
	}

	private void serve(List<Listener> listeners) {
		synchronized (this.lifecycle) {
			listeners.forEach(Listener::startServing);
			this.running = true;
		}
		for (Listener listener : listeners) {
			ListenerStatus status = listener.status();
			logger.info(listener.id().name()
					+ ((status.state() == ListenerState.SERVING) ? " listening on "
							: " " + status.state().tag() + " (" + status.reason() + ") on ")
					+ Addresses.display(listener.localAddress()) + " (" + listener.id().service().id() + " over "
					+ listener.id().protocol().id() + ")");
		}
	}

	@Override
	public void stop() {
		synchronized (this.lifecycle) {
			if (!this.running) {
				return;
			}
			this.running = false;
			this.all.forEach(Listener::stopServing);
		}
		logger.info("Shutting down: listeners no longer accept connections or datagrams");
		this.notices.forEach(ShutdownNotice::shuttingDown);
		drain();
	}

	/**
	 * Closes every connection after what it was sent, waiting at most the shutdown
	 * timeout.
	 */
	private void drain() {
		long start = System.nanoTime();
		this.all.forEach((listener) -> listener.closeAll(CloseReason.SHUTDOWN));
		long deadline = start + this.shutdownTimeout.toNanos();
		while (openConnections() > 0 && System.nanoTime() - deadline < 0) {
			LockSupport.parkNanos(10_000_000);
		}
		int left = openConnections();
		if (left > 0) {
			logger.warn("Shutting down: " + left + " connections still open after " + this.shutdownTimeout.toSeconds()
					+ " s; cutting them");
			this.all.forEach(Listener::abortAll);
		}
		else {
			logger.info("Shutting down: every connection closed in " + (System.nanoTime() - start) / 1_000_000 + " ms");
		}
	}

	private int openConnections() {
		return this.all.stream().mapToInt(Listener::openConnections).sum();
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
