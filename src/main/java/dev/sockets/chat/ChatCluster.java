package dev.sockets.chat;

import java.util.Optional;

/**
 * The other instances of the chat, for a chat that spans several: where events are
 * published and nicknames claimed. A single instance has {@link #NONE}.
 */
public interface ChatCluster {

	/** No other instances: nothing is published, every claim succeeds. */
	ChatCluster NONE = new ChatCluster() {

		@Override
		public void publish(ChatEvent event) {
		}

		@Override
		public Claim claim(String nickname) {
			return Claim.CLAIMED;
		}

		@Override
		public void release(String nickname) {
		}

		@Override
		public Optional<String> claimGuestNickname(String prefix) {
			return Optional.empty();
		}

	};

	/**
	 * Tells the other instances what happened here. Called with the chat's lock held, so
	 * it must not wait on the network: an event that cannot be sent is dropped (and
	 * counted).
	 */
	void publish(ChatEvent event);

	/**
	 * Claims a nickname for this instance, cluster-wide. It may wait briefly on the
	 * network.
	 * @param nickname the nickname, as the user wrote it
	 * @return whether the nickname is now this instance's, another's, or the cluster
	 * cannot be asked
	 */
	Claim claim(String nickname);

	/**
	 * Gives a nickname claimed by this instance back.
	 */
	void release(String nickname);

	/**
	 * Claims the next free guest nickname of the cluster: the prefix and a number. It may
	 * wait briefly on the network.
	 * @return the nickname, now this instance's, or empty if the cluster cannot be asked
	 * (the chat then numbers its guests itself)
	 */
	Optional<String> claimGuestNickname(String prefix);

	/**
	 * The outcome of a nickname claim.
	 */
	enum Claim {

		/** The nickname is this instance's. */
		CLAIMED,

		/** Another instance holds it. */
		TAKEN,

		/**
		 * The cluster cannot be asked now; the nickname is used here, and checked again
		 * once it can.
		 */
		UNREACHABLE

	}

}
