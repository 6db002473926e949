package dev.sockets.chat;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A nickname claimed from a cluster that is slow to answer (a Redis that hangs): nobody
 * waits for the answer, neither the chat's other users nor the thread that asked; the
 * rename is decided once the answer comes, against what happened meanwhile.
 */
class NicknameClaimTest {

	private final SlowCluster cluster = new SlowCluster();

	private final ChatService chat = new ChatService(ChatServiceTest.properties("", ChatProperties.Flood.unlimited()),
			this.cluster);

	/** What every session has been sent, in order, from whichever thread. */
	private final List<Delivery> heard = new CopyOnWriteArrayList<>();

	private List<String> heardBy(String session) {
		return this.heard.stream()
			.filter((delivery) -> delivery.sessionId().equals(session))
			.map(Delivery::text)
			.toList();
	}

	@Test
	void askingWaitsForNothingAndTheRenameComesWithTheAnswer() {
		this.chat.connect("slow", this.heard::addAll);
		this.chat.connect("other", this.heard::addAll);
		this.heard.clear();
		this.chat.receive("slow", "/nick alice", this.heard::addAll);
		assertThat(this.cluster.asked).containsExactly("alice");
		assertThat(this.heard).as("nothing decided before the answer").isEmpty();
		// Everyone else goes on meanwhile; what the one who asked says next waits for
		// the answer, to be said under the name it decides.
		this.chat.receive("other", "hello", this.heard::addAll);
		this.chat.receive("slow", "said after the /nick", this.heard::addAll);
		assertThat(heardBy("other")).isEmpty();
		assertThat(heardBy("slow")).containsExactly("<guest2> hello");
		this.cluster.answer(ChatCluster.Claim.CLAIMED);
		assertThat(heardBy("other")).containsExactly("* guest1 is now known as alice", "<alice> said after the /nick");
		assertThat(this.chat.presence("slow"))
			.hasValueSatisfying((presence) -> assertThat(presence.nickname()).isEqualTo("alice"));
		assertThat(this.cluster.released).containsExactly("guest1");
	}

	@Test
	void linesAfterANickAreTakenInOrderEachUnderTheNameDecidedBeforeIt() {
		this.chat.connect("slow", this.heard::addAll);
		this.chat.connect("other", this.heard::addAll);
		this.heard.clear();
		this.chat.receive("slow", "/nick alice", this.heard::addAll);
		this.chat.receive("slow", "first", this.heard::addAll);
		this.chat.receive("slow", "/nick bob", this.heard::addAll);
		this.chat.receive("slow", "second", this.heard::addAll);
		this.cluster.answer(ChatCluster.Claim.CLAIMED);
		assertThat(this.cluster.asked).containsExactly("alice", "bob");
		assertThat(heardBy("other")).containsExactly("* guest1 is now known as alice", "<alice> first");
		this.cluster.answer(ChatCluster.Claim.TAKEN);
		assertThat(heardBy("other")).containsExactly("* guest1 is now known as alice", "<alice> first",
				"<alice> second");
		assertThat(heardBy("slow")).containsExactly("* guest1 is now known as alice", "ERR nickname bob is taken");
	}

	@Test
	void aNicknameTakenHereWhileTheClaimWaitedIsRefused() {
		this.chat.connect("slow", this.heard::addAll);
		this.chat.connect("quick", this.heard::addAll);
		this.chat.receive("slow", "/nick alice", this.heard::addAll);
		CompletableFuture<ChatCluster.Claim> slow = this.cluster.pending;
		this.chat.receive("quick", "/nick Alice", this.heard::addAll);
		this.cluster.answer(ChatCluster.Claim.CLAIMED);
		assertThat(heardBy("quick")).contains("* guest2 is now known as Alice");
		this.heard.clear();
		slow.complete(ChatCluster.Claim.CLAIMED);
		assertThat(heardBy("slow")).containsExactly("ERR nickname alice is taken");
		assertThat(this.cluster.released).as("the claim is Alice's now").containsExactly("guest2");
	}

	@Test
	void anotherInstanceHoldingTheNicknameIsToldAsAnError() {
		this.chat.connect("slow", this.heard::addAll);
		this.heard.clear();
		this.chat.receive("slow", "/nick alice", this.heard::addAll);
		this.cluster.answer(ChatCluster.Claim.TAKEN);
		assertThat(heardBy("slow")).containsExactly("ERR nickname alice is taken");
		assertThat(this.cluster.released).isEmpty();
	}

	@Test
	void aClusterThatCannotBeAskedLeavesTheRenameToThisInstance() {
		this.chat.connect("slow", this.heard::addAll);
		this.heard.clear();
		this.chat.receive("slow", "/nick alice", this.heard::addAll);
		this.cluster.pending.completeExceptionally(new IllegalStateException("Redis timed out"));
		assertThat(heardBy("slow")).containsExactly("* guest1 is now known as alice");
	}

	@Test
	void aUserWhoLeavesWhileTheClaimWaitsGivesItBack() {
		this.chat.connect("slow", this.heard::addAll);
		this.chat.receive("slow", "/nick alice", this.heard::addAll);
		this.chat.receive("slow", "never said", this.heard::addAll);
		this.chat.disconnect("slow", "connection lost", this.heard::addAll);
		this.heard.clear();
		this.cluster.answer(ChatCluster.Claim.CLAIMED);
		assertThat(this.heard).isEmpty();
		assertThat(this.cluster.released).contains("alice");
	}

	/**
	 * A cluster whose claims the test answers; it numbers no guests.
	 */
	private static final class SlowCluster implements ChatCluster {

		final List<String> asked = new CopyOnWriteArrayList<>();

		final List<String> released = new CopyOnWriteArrayList<>();

		volatile CompletableFuture<Claim> pending;

		@Override
		public void publish(ChatEvent event) {
		}

		@Override
		public CompletionStage<Claim> claim(String nickname) {
			this.asked.add(nickname);
			this.pending = new CompletableFuture<>();
			return this.pending;
		}

		void answer(Claim claim) {
			this.pending.complete(claim);
		}

		@Override
		public void release(String nickname) {
			this.released.add(nickname);
		}

		@Override
		public Optional<String> claimGuestNickname(String prefix) {
			return Optional.empty();
		}

	}

}
