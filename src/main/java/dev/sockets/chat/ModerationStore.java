package dev.sockets.chat;

import java.util.List;

/**
 * Where moderation's restrictions outlive the instance: in a cluster, the store every
 * instance reads when it joins. Called with the chat's lock held, so it must not wait on
 * the network.
 */
public interface ModerationStore {

	/** Nothing outlives the instance. */
	ModerationStore NONE = new ModerationStore() {

		@Override
		public void save(Restriction restriction) {
		}

		@Override
		public void remove(Restriction restriction) {
		}

		@Override
		public List<Restriction> load() {
			return List.of();
		}

	};

	/**
	 * Keeps a restriction until it ends, replacing one with the same key.
	 */
	void save(Restriction restriction);

	void remove(Restriction restriction);

	/**
	 * @return every restriction stored that has not ended; may wait on the network, so
	 * never called with the chat's lock held
	 */
	List<Restriction> load();

}
