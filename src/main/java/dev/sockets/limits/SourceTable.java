package dev.sockets.limits;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * State kept per client address (connections open, a rate), forgotten once it says nothing. It is
 * bounded: when it holds as many addresses as allowed, a new address gets no state, and callers
 * treat it as over its limits, so a flood of distinct source addresses cannot grow it.
 *
 * @param <S> the state of one address
 */
public final class SourceTable<S> {

	private final ConcurrentHashMap<InetAddress, S> sources = new ConcurrentHashMap<>();

	private final int maxSources;

	private final Supplier<S> newSource;

	public SourceTable(int maxSources, Supplier<S> newSource) {
		this.maxSources = maxSources;
		this.newSource = newSource;
	}

	/**
	 * @return the address's state, new if it had none, or null if the table is full
	 */
	public S get(InetAddress address) {
		InetAddress key = normalize(address);
		S source = this.sources.get(key);
		if (source != null) {
			return source;
		}
		if (this.sources.size() >= this.maxSources) {
			return null;
		}
		return this.sources.computeIfAbsent(key, (ignored) -> this.newSource.get());
	}

	/**
	 * @return the address's state, or null if it has none
	 */
	public S peek(InetAddress address) {
		return this.sources.get(normalize(address));
	}

	/**
	 * Forgets every address whose state says nothing any more.
	 */
	public void sweep(Predicate<S> forgettable) {
		this.sources.values().removeIf(forgettable);
	}

	public int size() {
		return this.sources.size();
	}

	/**
	 * @return the address, IPv4 when it is an IPv4-mapped IPv6 address, so both forms count as one
	 */
	static InetAddress normalize(InetAddress address) {
		byte[] bytes = address.getAddress();
		if (address instanceof Inet6Address && bytes[10] == (byte) 0xFF && bytes[11] == (byte) 0xFF) {
			for (int i = 0; i < 10; i++) {
				if (bytes[i] != 0) {
					return address;
				}
			}
			try {
				return InetAddress.getByAddress(new byte[] { bytes[12], bytes[13], bytes[14], bytes[15] });
			}
			catch (UnknownHostException ex) {
				return address;
			}
		}
		return address;
	}

}
