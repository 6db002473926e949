package dev.sockets.limits;

import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * State kept per client (connections open, a rate), forgotten once it says nothing. It is
 * bounded: when it holds as many clients as allowed, a new client gets no state, and
 * callers treat it as over its limits, so a flood of distinct source addresses cannot
 * grow it.
 * <p>
 * Every change to a client's state happens under the table's lock for that client, so
 * that the sweep, which runs on a thread of its own, can never forget a client between
 * the moment its state was found and the moment it was changed.
 *
 * @param <S> the state of one client; mutable, touched only inside the table's methods
 */
public final class SourceTable<S> {

	private final ConcurrentHashMap<InetAddress, S> sources = new ConcurrentHashMap<>();

	private final int maxSources;

	private final SourceKeys keys;

	private final Supplier<S> newSource;

	/**
	 * @param maxSources most clients tracked at once
	 * @param keys what counts as one client
	 * @param newSource the state of a client not seen before
	 */
	public SourceTable(int maxSources, SourceKeys keys, Supplier<S> newSource) {
		this.maxSources = maxSources;
		this.keys = keys;
		this.newSource = newSource;
	}

	/**
	 * Applies an action to a client's state, atomically, creating the state if there is
	 * none and there is room for it.
	 * @param action what to do; it gets null when the table is full and the client
	 * unknown
	 * @return what the action returned
	 */
	public <R> R apply(InetAddress address, Function<S, R> action) {
		InetAddress key = this.keys.of(address);
		Object[] result = new Object[1];
		this.sources.compute(key, (ignored, source) -> {
			S state = source;
			if (state == null && this.sources.size() < this.maxSources) {
				state = this.newSource.get();
			}
			result[0] = action.apply(state);
			return state;
		});
		@SuppressWarnings("unchecked")
		R answer = (R) result[0];
		return answer;
	}

	/**
	 * Applies an action to a client's state, atomically, if the client is known.
	 */
	public void ifPresent(InetAddress address, Consumer<S> action) {
		this.sources.computeIfPresent(this.keys.of(address), (ignored, source) -> {
			action.accept(source);
			return source;
		});
	}

	/**
	 * Forgets every client whose state says nothing any more, each atomically.
	 */
	public void sweep(Predicate<S> forgettable) {
		for (InetAddress key : this.sources.keySet()) {
			this.sources.computeIfPresent(key, (ignored, source) -> forgettable.test(source) ? null : source);
		}
	}

	/**
	 * @return the number of clients tracked
	 */
	public int size() {
		return this.sources.size();
	}

}
