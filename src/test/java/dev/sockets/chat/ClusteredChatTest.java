package dev.sockets.chat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ChatService} as one instance of a cluster: two chats joined by an in-memory
 * cluster that passes each one's events to the other, as Redis does between processes.
 */
class ClusteredChatTest {

	private final long[] now = { 0 };

	private final InMemoryCluster cluster = new InMemoryCluster();

	private ChatService a;

	private ChatService b;

	/** What each session has been sent, in order. */
	private final Map<String, List<String>> heard = new HashMap<>();

	@BeforeEach
	void twoInstances() {
		ChatProperties properties = ChatServiceTest.properties("", ChatProperties.Flood.unlimited());
		this.a = new ChatService(properties, this.cluster.member("a"), () -> this.now[0]);
		this.b = new ChatService(properties, this.cluster.member("b"), () -> this.now[0]);
		this.cluster.instances.put("a", this.a);
		this.cluster.instances.put("b", this.b);
	}

	/**
	 * Runs something on an instance, then lets the cluster carry its events; records what
	 * everyone heard.
	 */
	private void on(List<Delivery> deliveries) {
		record(deliveries);
		record(this.cluster.flush());
	}

	private void record(List<Delivery> deliveries) {
		deliveries.forEach((delivery) -> this.heard.computeIfAbsent(delivery.sessionId(), (id) -> new ArrayList<>())
			.add(delivery.text()));
	}

	private List<String> take(String session) {
		List<String> lines = List.copyOf(this.heard.getOrDefault(session, List.of()));
		this.heard.remove(session);
		return lines;
	}

	@Test
	void aRoomSpansInstances() {
		on(this.a.connect("a1"));
		on(this.b.connect("b1"));
		assertThat(take("a1")).endsWith("* guest2 joined #lobby");
		assertThat(take("b1")).contains("* You are guest2 in #lobby. Type /help for commands.", "* Also here: guest1");
		on(this.a.receive("a1", "hello"));
		assertThat(take("b1")).containsExactly("<guest1> hello");
		assertThat(take("a1")).isEmpty();
		on(this.b.receive("b1", "/who"));
		assertThat(take("b1")).containsExactly("* In #lobby: guest2, guest1");
		on(this.b.receive("b1", "/rooms"));
		assertThat(take("b1")).containsExactly("* Rooms: #lobby (2)");
	}

	@Test
	void movesRenamesAndDeparturesAreHeardElsewhere() {
		on(this.a.connect("a1"));
		on(this.b.connect("b1"));
		take("a1");
		take("b1");
		on(this.b.receive("b1", "/nick bea"));
		assertThat(take("a1")).containsExactly("* guest2 is now known as bea");
		on(this.b.receive("b1", "/join dev"));
		assertThat(take("a1")).containsExactly("* bea left #lobby for #dev");
		take("b1");
		on(this.a.receive("a1", "/join dev"));
		assertThat(take("a1")).containsExactly("* You joined #dev.", "* Also here: bea");
		assertThat(take("b1")).containsExactly("* guest1 joined #dev");
		on(this.b.disconnect("b1", "connection lost"));
		assertThat(take("a1")).containsExactly("* bea is offline (connection lost)");
	}

	@Test
	void privateMessagesCrossInstances() {
		on(this.a.connect("a1"));
		on(this.b.connect("b1"));
		on(this.a.receive("a1", "/msg GUEST2 psst"));
		assertThat(take("a1")).endsWith("-> *guest2* psst");
		assertThat(take("b1")).endsWith("*guest1* psst");
	}

	@Test
	void aNicknameHeldElsewhereIsTaken() {
		on(this.a.connect("a1"));
		on(this.b.connect("b1"));
		on(this.a.receive("a1", "/nick alice"));
		take("b1");
		on(this.b.receive("b1", "/nick Alice"));
		assertThat(take("b1")).containsExactly("ERR nickname Alice is taken");
		on(this.a.disconnect("a1", "connection closed"));
		on(this.b.receive("b1", "/nick alice"));
		assertThat(take("b1")).contains("* guest2 is now known as alice");
	}

	@Test
	void guestsAreNumberedByTheCluster() {
		on(this.a.connect("a1"));
		on(this.b.connect("b1"));
		on(this.a.connect("a2"));
		assertThat(this.a.nicknames()).containsExactlyInAnyOrder("guest1", "guest3");
		assertThat(this.b.nicknames()).containsExactly("guest2");
	}

	@Test
	void theUsersOfASilentInstanceGoOffline() {
		on(this.a.connect("a1"));
		on(this.b.connect("b1"));
		take("a1");
		this.now[0] = 5_000;
		on(List.of());
		assertThat(this.a.forgetSilentInstances(10_000)).isEmpty();
		this.now[0] = 20_000;
		assertThat(this.a.forgetSilentInstances(10_000)).extracting(Delivery::text)
			.containsExactly("* guest2 is offline (server lost)");
		assertThat(this.a.usersElsewhere()).isZero();
	}

	@Test
	void presenceRepairsWhatWasMissed() {
		on(this.a.connect("a1"));
		this.cluster.reachable = false;
		on(this.b.connect("b1"));
		this.cluster.reachable = true;
		assertThat(this.a.usersElsewhere()).isZero();
		on(this.a.apply("b", this.b.present()));
		assertThat(this.a.usersElsewhere()).isEqualTo(1);
		on(this.a.receive("a1", "/who"));
		assertThat(take("a1")).last().asString().contains("guest");
	}

	@Test
	void losingTheLinkIsToldOnceAndForgetsTheOthers() {
		on(this.a.connect("a1"));
		on(this.b.connect("b1"));
		take("a1");
		assertThat(this.a.clusterLost()).extracting(Delivery::text)
			.containsExactly("* cluster link lost: only users on this server can hear you");
		assertThat(this.a.usersElsewhere()).isZero();
		on(this.a.receive("a1", "/who"));
		assertThat(take("a1")).containsExactly("* In #lobby: guest1");
		assertThat(this.a.clusterRecovered()).extracting(Delivery::text).containsExactly("* cluster link recovered");
	}

	@Test
	void aNicknameTakenTwiceWhileApartGoesToTheOneWhoHoldsIt() {
		this.cluster.reachable = false;
		on(this.a.connect("a1"));
		on(this.b.connect("b1"));
		on(this.a.receive("a1", "/nick sam"));
		on(this.b.receive("b1", "/nick sam"));
		take("b1");
		this.cluster.reachable = true;
		this.cluster.claims.put("sam", "a");
		List<Delivery> renamed = this.b.nicknameTaken("sam");
		assertThat(renamed).extracting(Delivery::text)
			.contains("* sam is now known as guest1",
					"* The nickname sam is used on another server; you are now guest1.");
		assertThat(this.b.nicknames()).containsExactly("guest1");
	}

	@Test
	void shuttingDownSaysGoodbyeToTheOtherInstances() {
		on(this.a.connect("a1"));
		on(this.b.connect("b1"));
		take("b1");
		on(this.a.closeAll());
		assertThat(take("b1")).containsExactly("* guest1 is offline (server shutting down)");
		assertThat(this.cluster.claims).doesNotContainKey("guest1");
	}

	/**
	 * A cluster in memory: events wait until {@link #flush()}, then reach every other
	 * instance.
	 */
	static final class InMemoryCluster {

		final Map<String, ChatService> instances = new HashMap<>();

		final Map<String, String> claims = new HashMap<>();

		private final List<Object[]> pending = new ArrayList<>();

		private long guests;

		boolean reachable = true;

		ChatCluster member(String id) {
			return new ChatCluster() {

				@Override
				public void publish(ChatEvent event) {
					if (InMemoryCluster.this.reachable) {
						InMemoryCluster.this.pending.add(new Object[] { id, event });
					}
				}

				@Override
				public CompletionStage<Claim> claim(String nickname) {
					if (!InMemoryCluster.this.reachable) {
						return CompletableFuture.completedFuture(Claim.UNREACHABLE);
					}
					String holder = InMemoryCluster.this.claims.putIfAbsent(key(nickname), id);
					return CompletableFuture
						.completedFuture((holder == null || holder.equals(id)) ? Claim.CLAIMED : Claim.TAKEN);
				}

				@Override
				public void release(String nickname) {
					InMemoryCluster.this.claims.remove(key(nickname), id);
				}

				@Override
				public Optional<String> claimGuestNickname(String prefix) {
					if (!InMemoryCluster.this.reachable) {
						return Optional.empty();
					}
					String nickname;
					do {
						nickname = prefix + (++InMemoryCluster.this.guests);
					}
					while (InMemoryCluster.this.claims.putIfAbsent(key(nickname), id) != null);
					return Optional.of(nickname);
				}

			};
		}

		List<Delivery> flush() {
			List<Delivery> out = new ArrayList<>();
			while (!this.pending.isEmpty()) {
				Object[] next = this.pending.remove(0);
				this.instances.forEach((id, chat) -> {
					if (!id.equals(next[0])) {
						out.addAll(chat.apply((String) next[0], (ChatEvent) next[1]));
					}
				});
			}
			return out;
		}

		private static String key(String nickname) {
			return nickname.toLowerCase(Locale.ROOT);
		}

	}

}
