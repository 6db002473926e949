package dev.sockets.chat;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

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
		public CompletionStage<Claim> claim(String nickname) {
			return CompletableFuture.completedFuture(Claim.CLAIMED);
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
	 * @return whether the other instances hear this one now; a user who arrives while
	 * they do not is told so
	 */
	default boolean reachable() {
		return true;
	}

	/**
	 * Tells the other instances what happened here. Called with the chat's lock held, so
	 * it must not wait on the network: an event that cannot be sent is dropped (and
	 * counted).
	 */
	void publish(ChatEvent event);

	/**
	 * Claims a nickname for this instance, cluster-wide. It asks the network, so it
	 * answers later, on a thread of its own: the caller's thread (an I/O thread that
	 * other connections share) never waits for it.
	 * @param nickname the nickname, as the user wrote it
	 * @return whether the nickname is now this instance's, another's, or the cluster
	 * cannot be asked
	 */
	CompletionStage<Claim> claim(String nickname);

	/**
	 * Gives a nickname claimed by this instance back.
	 */
	void release(String nickname);

	/**
	 * Takes the next free guest nickname of the cluster: the prefix and a number, claimed
	 * ahead of need, so that a user arriving waits on nothing.
	 * @return the nickname, now this instance's, or empty if none is at hand because the
	 * cluster cannot be asked (the chat then numbers its guests itself)
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
