package dev.sockets.cluster;

import java.time.Duration;
import java.util.List;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.sockets.support.ChatUser;
import dev.sockets.support.RedisServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Moderation across two instances of the built jar on one real {@code redis-server}: a
 * ban, a mute and a room operator decided on one instance hold on the other, and on an
 * instance started later; a kick or a kill decided on one acts on a user connected to the
 * other. Users come from distinct 127.0.0.x addresses, so that address bans can tell them
 * apart. Each test keeps to a room of its own.
 */
class ModerationClusterIT {

	/** {@code secret}, as {@code openssl kdf} hashes it with 1000 rounds. */
	private static final String ROOT_HASH = "{pbkdf2-sha256}1000$000102030405060708090a0b0c0d0e0f$"
			+ "4efb2bbb6d2eb58ea8deaed54417ae2fd87fd50a8a8568709363da60d4560606";

	private static final String OPERATORS = "--sockets.chat.operators.root.password-hash=" + ROOT_HASH;

	private static RedisServer redis;

	private static ClusterInstance a;

	private static ClusterInstance b;

	@BeforeAll
	static void startCluster() {
		redis = RedisServer.start();
		List<ClusterInstance> instances = ClusterInstance.startAll(redis, List.of("a", "b"), OPERATORS);
		a = instances.get(0);
		b = instances.get(1);
	}

	@AfterAll
	static void stopCluster() {
		ClusterInstance.closeAll(a, b, redis);
	}

	@AfterEach
	void everyoneHasLeft() {
		List.of(a, b).forEach(ClusterInstance::awaitNobody);
	}

	/**
	 * A user on an instance from an address, named and, unless room is null, in a room.
	 */
	private static ChatUser user(ClusterInstance instance, String from, String nickname, String room) {
		ChatUser user = ChatUser.join(from, instance.chatPort()).renamed(nickname);
		if (room != null) {
			assertThat(user.joinRoom(room)).as("topic and history of a new room").isEmpty();
		}
		return user;
	}

	/**
	 * Waits until a user elsewhere is known to an instance, as in a room.
	 */
	private static void awaitSeen(ClusterInstance instance, int usersElsewhere) {
		Awaitility.await(usersElsewhere + " users elsewhere known to " + instance.name())
			.atMost(Duration.ofSeconds(10))
			.until(() -> instance.metric("sockets_chat_cluster_users") == usersElsewhere);
	}

	/**
	 * Waits until a user sees a room's bans as listed.
	 */
	private static void awaitBans(ChatUser user, String room, String bans) {
		Awaitility.await("bans of " + room + " seen by " + user.nickname())
			.atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(user.say("/bans " + room).read()).isEqualTo(bans));
	}

	@Test
	void aBannedAddressIsRefusedOnEveryInstance() {
		try (ChatUser alice = user(a, "127.0.0.1", "balice", "cban");
				ChatUser bob = user(b, "127.0.0.21", "bbob", "cban-wait");
				ChatUser bobOnA = user(a, "127.0.0.21", "bbob2", "cban-wait-a")) {
			assertThat(alice.say("/ban 127.0.0.21 spam").read())
				.isEqualTo("* balice banned 127.0.0.21 from #cban for 7 days (spam)");
			awaitBans(bob, "#cban", "* Bans in #cban: 127.0.0.21 (by balice: spam)");
			assertThat(bob.say("/join cban").read()).isEqualTo("ERR you are banned from #cban: spam");
			assertThat(bobOnA.say("/join cban").read()).isEqualTo("ERR you are banned from #cban: spam");
			assertThat(alice.who()).isEqualTo("* In #cban: balice");
		}
	}

	@Test
	void aKickedAndBannedUserReconnectingToTheOtherInstanceIsStillRefused() {
		try (ChatUser alice = user(a, "127.0.0.1", "kalice", "ckick")) {
			ChatUser bob = user(b, "127.0.0.22", "kbob", null);
			awaitSeen(b, 1);
			bob.say("/join ckick");
			bob.client().readLineStartingWith("* You joined #ckick.");
			assertThat(bob.read()).isEqualTo("* Also here: kalice");
			assertThat(alice.read()).isEqualTo("* kbob joined #ckick");
			awaitSeen(a, 1);
			// Kicked on b, where kbob is, at the word of a.
			alice.say("/kick kbob flooding");
			assertThat(bob.read())
				.isEqualTo("* You were kicked from #ckick by kalice (flooding). /join a room to go on.");
			assertThat(alice.read()).isEqualTo("* kbob was kicked from #ckick by kalice (flooding)");
			assertThat(alice.say("/ban 127.0.0.22").read())
				.isEqualTo("* kalice banned 127.0.0.22 from #ckick for 7 days");
			awaitBans(bob, "#ckick", "* Bans in #ckick: 127.0.0.22 (by kalice)");
			bob.close();
			// Under another nickname, since the address is what is banned.
			try (ChatUser again = user(a, "127.0.0.22", "kbob2", null)) {
				assertThat(again.say("/join ckick").read()).isEqualTo("ERR you are banned from #ckick");
				awaitSeen(b, 2);
			}
			// Gone from b's view too: a user joining the lobby there must not hear it
			// leave.
			awaitSeen(b, 1);
			try (ChatUser again = user(b, "127.0.0.22", "kbob3", null)) {
				assertThat(again.say("/join ckick").read()).isEqualTo("ERR you are banned from #ckick");
			}
			assertThat(alice.who()).isEqualTo("* In #ckick: kalice");
			assertThat(a.metric("sockets_chat_moderation_total", "action", "kick", "outcome", "done")).isEqualTo(1);
			assertThat(b.metric("sockets_chat_moderation_total", "action", "ban", "outcome", "enforced")).isPositive();
		}
	}

	@Test
	void operatorsAndMutesHoldOnTheOtherInstance() {
		try (ChatUser alice = user(a, "127.0.0.1", "malice", "cmute")) {
			awaitSeen(b, 1);
			try (ChatUser bob = user(b, "127.0.0.1", "mbob", "cmute");
					ChatUser carol = user(b, "127.0.0.1", "mcarol", "cmute")) {
				alice.client().readLineStartingWith("* mcarol joined #cmute");
				bob.read();
				awaitSeen(a, 2);
				alice.say("/op mbob");
				assertThat(bob.read()).isEqualTo("* malice made mbob an operator of #cmute");
				carol.read();
				alice.read();
				// An operator on b by a decision on a: its own mute is obeyed on b and on
				// a.
				bob.say("/mute mcarol 5m");
				assertThat(carol.read()).isEqualTo("* mbob muted mcarol in #cmute for 5 minutes");
				assertThat(alice.read()).isEqualTo("* mbob muted mcarol in #cmute for 5 minutes");
				bob.read();
				assertThat(carol.say("hear me").read())
					.isEqualTo("ERR you are muted in #cmute for 5 more minutes; your lines are not delivered");
				assertThat(alice.who()).isEqualTo("* In #cmute: malice, mbob, mcarol");
				assertThat(bob.who()).isEqualTo("* In #cmute: mbob, mcarol, malice");
			}
		}
	}

	@Test
	void aKillOnOneInstanceDisconnectsAUserOnTheOther() {
		try (ChatUser root = user(a, "127.0.0.1", "root", "ckill")) {
			awaitSeen(b, 1);
			try (ChatUser dan = user(b, "127.0.0.1", "dan", "ckill")) {
				assertThat(root.read()).isEqualTo("* dan joined #ckill");
				awaitSeen(a, 1);
				assertThat(root.say("/kill dan").read()).isEqualTo("ERR you are not a service operator");
				assertThat(root.say("/oper root secret").read()).isEqualTo("* You are now a service operator (root).");
				root.say("/kill dan enough");
				assertThat(dan.read()).isEqualTo("ERR disconnected by root (enough)");
				dan.client().assertClosedByServer();
				assertThat(root.read()).isEqualTo("* dan is offline (killed by root: enough)");
			}
		}
	}

	@Test
	void aBanOutlivesAnInstanceRestart() {
		try (ChatUser alice = user(a, "127.0.0.1", "ralice", "crestart")) {
			assertThat(alice.say("/ban 127.0.0.24/31 evading").read())
				.isEqualTo("* ralice banned 127.0.0.24/31 from #crestart for 7 days (evading)");
		}
		// Both instances go: only Redis still holds the ban.
		a.close();
		b.close();
		a = ClusterInstance.start("a2", redis, OPERATORS);
		b = ClusterInstance.start("b2", redis, OPERATORS);
		ClusterInstance.awaitPeers(List.of(a, b));
		try (ChatUser mallory = user(b, "127.0.0.25", "rmallory", null)) {
			assertThat(mallory.say("/join crestart").read()).isEqualTo("ERR you are banned from #crestart: evading");
		}
		try (ChatUser mallory = user(a, "127.0.0.24", "rmallory", null)) {
			assertThat(mallory.say("/join crestart").read()).isEqualTo("ERR you are banned from #crestart: evading");
		}
	}

}
