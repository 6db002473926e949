package dev.sockets.udp;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;

import org.springframework.integration.ip.IpHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.GenericMessage;

import dev.sockets.config.UdpListenerProperties;
import dev.sockets.limits.AccessRules;
import dev.sockets.limits.SourceKeys;
import dev.sockets.limits.SourceTable;
import dev.sockets.limits.ThrottledLog;
import dev.sockets.limits.TokenBucket;
import dev.sockets.listener.DatagramDrop;
import dev.sockets.listener.ListenerId;
import dev.sockets.listener.TrafficRecorder;

/**
 * What a UDP listener serves, whichever threads receive its datagrams: nothing larger
 * than the limit, nothing from a denied source, and no more per source than its rate;
 * what it does not serve is counted and logged (throttled). A served datagram becomes a
 * message for the flow.
 */
final class DatagramAdmission {

	/**
	 * Most client addresses rate-limited at once; datagrams from further addresses are
	 * dropped.
	 */
	private static final int MAX_SOURCES = 65_536;

	private static final long SWEEP_NANOS = 10_000_000_000L;

	private final ListenerId listenerId;

	private final int maxDatagramSize;

	private final AccessRules access;

	/**
	 * Per-source token buckets, shared by every receiving thread; null when there is no
	 * rate limit.
	 */
	private final SourceTable<TokenBucket> rates;

	private final int ratePerSource;

	private final AtomicLong nextSweep = new AtomicLong(System.nanoTime());

	private final ThrottledLog warnings;

	DatagramAdmission(ListenerId listenerId, UdpListenerProperties settings, Log log) {
		this.listenerId = listenerId;
		this.maxDatagramSize = (int) Math.min(65_507, settings.maxDatagramSize().toBytes());
		this.access = settings.accessRules();
		this.ratePerSource = settings.ratePerSource();
		this.rates = (this.ratePerSource > 0)
				? new SourceTable<>(MAX_SOURCES, new SourceKeys(settings.ipv6PrefixLength()),
						() -> new TokenBucket(this.ratePerSource, 2.0 * this.ratePerSource, System.nanoTime()))
				: null;
		this.warnings = new ThrottledLog(log);
	}

	/**
	 * @return the largest datagram served; a receive buffer one byte larger tells a
	 * datagram over it from one that fits
	 */
	int maxDatagramSize() {
		return this.maxDatagramSize;
	}

	/**
	 * @param length the datagram's length as received, at most one byte over the limit
	 * @return whether the datagram is to be answered: within the size, its source allowed
	 * and within its rate
	 */
	boolean admit(InetSocketAddress sender, int length, long now, TrafficRecorder recorder) {
		recorder.datagramReceived(length);
		if (length > this.maxDatagramSize) {
			recorder.datagramDropped(DatagramDrop.OVERSIZE);
			this.warnings.warn("oversize", () -> this.listenerId + ": dropped a datagram from " + sender
					+ " larger than " + this.maxDatagramSize + " bytes");
			return false;
		}
		InetAddress source = sender.getAddress();
		if (!this.access.permits(source)) {
			recorder.datagramDropped(DatagramDrop.DENIED);
			this.warnings.warn("denied",
					() -> this.listenerId + ": dropped datagrams from denied " + source.getHostAddress());
			return false;
		}
		if (this.rates == null) {
			return true;
		}
		long due = this.nextSweep.get();
		if (now - due > 0 && this.nextSweep.compareAndSet(due, now + SWEEP_NANOS)) {
			this.rates.sweep((bucket) -> bucket.isFull(now));
		}
		boolean within = this.rates.apply(source, (bucket) -> bucket != null && bucket.tryTake(1, now));
		if (!within) {
			recorder.datagramDropped(DatagramDrop.RATE_LIMITED);
			this.warnings.warn("rate_limited", () -> this.listenerId + ": dropped datagrams from "
					+ source.getHostAddress() + " over " + this.ratePerSource + " per second");
		}
		return within;
	}

	/**
	 * Hands an admitted datagram to the flow, on the receiving thread, and times it; a
	 * datagram the flow fails on is dropped, and the listener goes on.
	 * @param received when it was received, in {@link System#nanoTime()}
	 * @param flow where the message goes
	 */
	void serve(byte[] payload, InetSocketAddress sender, long received, TrafficRecorder recorder,
			Consumer<Message<?>> flow) {
		try {
			// Only the sender's address, which the reply needs: every header is copied by
			// every message the flow builds from this one.
			flow.accept(new GenericMessage<>(payload, Map.of(IpHeaders.PACKET_ADDRESS, sender)));
			recorder.handled(1, System.nanoTime() - received);
		}
		catch (RuntimeException ex) {
			recorder.datagramDropped(DatagramDrop.ERROR);
			this.warnings.warn("error",
					() -> this.listenerId + ": failed to answer a datagram from " + sender + ": " + ex.getMessage());
		}
	}

	/**
	 * @return the sender of a message made by {@link #serve}
	 */
	static InetSocketAddress sender(Message<?> message) {
		return message.getHeaders().get(IpHeaders.PACKET_ADDRESS, InetSocketAddress.class);
	}

}
