package dev.sockets.tcp;

import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicInteger;

import dev.sockets.config.ProxyProtocolProperties;
import dev.sockets.config.TcpListenerProperties;
import dev.sockets.limits.AccessRules;
import dev.sockets.limits.AddressRange;
import dev.sockets.limits.Refusal;
import dev.sockets.limits.SourceKeys;
import dev.sockets.limits.SourceLimits;
import dev.sockets.listener.Rejection;

/**
 * Whom a TCP listener serves: the access rules, the listener's limit of connections at
 * once, and the per-source limits, checked in that order against the client's address
 * (which, behind a trusted proxy, is the one its PROXY protocol header carried).
 */
final class Admission {

	private static final Refusal DENIED = new Refusal(Rejection.DENIED, null);

	private final AccessRules access;

	private final int maxConnections;

	private final Refusal full;

	private final SourceLimits sources;

	private final ProxyProtocolProperties proxy;

	private final AtomicInteger open = new AtomicInteger();

	Admission(TcpListenerProperties settings) {
		this.access = settings.accessRules();
		this.maxConnections = settings.maxConnections();
		this.full = new Refusal(Rejection.LIMIT, "too many connections (max " + this.maxConnections + ")");
		this.sources = new SourceLimits(settings.maxConnectionsPerSource(), settings.connectionRatePerSource(),
				new SourceKeys(settings.ipv6PrefixLength()));
		this.proxy = settings.proxyProtocol();
	}

	/**
	 * @return how the listener reads PROXY protocol headers
	 */
	ProxyProtocolProperties proxy() {
		return this.proxy;
	}

	/**
	 * @return whether a peer's PROXY protocol header is believed
	 */
	boolean trusts(InetAddress peer) {
		for (AddressRange range : this.proxy.trustedProxies()) {
			if (range.contains(peer)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * @return why the client may not connect, or null if it may (and then it counts
	 * against the limits until {@link #released}); a denied client gets a refusal without
	 * a message, since it is told nothing
	 */
	Refusal admit(InetAddress client) {
		if (!this.access.permits(client)) {
			return DENIED;
		}
		if (this.open.incrementAndGet() > this.maxConnections) {
			this.open.decrementAndGet();
			return this.full;
		}
		Refusal refusal = this.sources.admit(client);
		if (refusal != null) {
			this.open.decrementAndGet();
		}
		return refusal;
	}

	/**
	 * An admitted client's connection closed.
	 */
	void released(InetAddress client) {
		this.open.decrementAndGet();
		this.sources.closed(client);
	}

	/**
	 * Forgets clients with nothing open.
	 */
	void sweep() {
		this.sources.sweep();
	}

	/**
	 * @return the admitted connections open now
	 */
	int open() {
		return this.open.get();
	}

}
