package dev.sockets.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.sockets.support.ChatUser;
import dev.sockets.support.InstalledProgram;
import dev.sockets.support.RedisServer;
import dev.sockets.support.Scrape;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three instances of the built jar on one real {@code redis-server}: one chat, whichever
 * instance a client reaches. Each test keeps to a room of its own.
 */
class ChatClusterIT {

	private static RedisServer redis;

	private static ClusterInstance a;

	private static ClusterInstance b;

	private static ClusterInstance c;

	@BeforeAll
	static void startCluster() {
		redis = RedisServer.start();
		List<ClusterInstance> instances = ClusterInstance.startAll(redis, List.of("a", "b", "c"));
		a = instances.get(0);
		b = instances.get(1);
		c = instances.get(2);
	}

	@AfterAll
	static void stopCluster() {
		ClusterInstance.closeAll(a, b, c, redis);
	}

	@AfterEach
	void everyoneHasLeft() {
		List.of(a, b, c).forEach(ClusterInstance::awaitNobody);
	}

	/**
	 * A user on an instance, named and in a room.
	 */
	static ChatUser user(ClusterInstance instance, String nickname, String room) {
		ChatUser user = instance.join().renamed(nickname);
		user.joinRoom(room);
		return user;
	}

	/**
	 * Waits until an instance has heard of the users on the others, so that a user who
	 * joins there finds them in the room rather than hearing them join a moment later.
	 */
	static ClusterInstance awaitSeen(ClusterInstance instance, int usersElsewhere) {
		Awaitility.await(usersElsewhere + " users elsewhere known to " + instance.name())
			.atMost(Duration.ofSeconds(10))
			.until(() -> instance.metric("sockets_chat_cluster_users") == usersElsewhere);
		return instance;
	}

	@Test
	void usersOnThreeInstancesTalkInOneRoomAndHearEachLineOnce() {
		try (ChatUser alice = user(a, "alice", "one"); ChatUser bob = user(awaitSeen(b, 1), "bob", "one")) {
			assertThat(alice.read()).isEqualTo("* bob joined #one");
			try (ChatUser carol = user(awaitSeen(c, 2), "carol", "one")) {
				assertThat(alice.read()).isEqualTo("* carol joined #one");
				assertThat(bob.read()).isEqualTo("* carol joined #one");

				alice.say("hello from a");
				assertThat(bob.read()).isEqualTo("<alice> hello from a");
				assertThat(carol.read()).isEqualTo("<alice> hello from a");
				carol.say("and from c");
				assertThat(alice.read()).isEqualTo("<carol> and from c");
				assertThat(bob.read()).isEqualTo("<carol> and from c");

				// Nobody heard anything twice, nor their own line back: /who is the next
				// thing each hears.
				for (ChatUser user : List.of(alice, bob, carol)) {
					assertThat(user.who()).startsWith("* In #one: ").contains("alice", "bob", "carol");
				}
				assertThat(bob.say("/rooms").read()).startsWith("* Rooms: ").contains("#one (3)");
			}
			assertThat(alice.read()).isEqualTo("* carol is offline (connection closed)").isEqualTo(bob.read());
		}
	}

	@Test
	void privateMessagesReachAnotherInstance() {
		try (ChatUser dora = user(a, "dora", "two"); ChatUser ed = user(c, "ed", "elsewhere")) {
			// Word of ed's nickname reaches dora's instance a moment after he took it.
			Awaitility.await("ed known on a").untilAsserted(() -> {
				dora.say("/msg ED psst, ed");
				assertThat(dora.read()).isEqualTo("-> *ed* psst, ed");
			});
			assertThat(ed.read()).isEqualTo("*dora* psst, ed");
			ed.say("/msg dora got it");
			assertThat(dora.read()).isEqualTo("*ed* got it");
			assertThat(ed.read()).isEqualTo("-> *dora* got it");
			assertThat(dora.say("/msg nobody_here hi").read()).isEqualTo("ERR no such nickname: nobody_here");
		}
	}

	@Test
	void aNicknameInUseOnOneInstanceCannotBeTakenOnAnother() {
		try (ChatUser fay = user(b, "fay", "three"); ChatUser other = user(awaitSeen(c, 1), "notfay", "three")) {
			assertThat(fay.read()).isEqualTo("* notfay joined #three");
			assertThat(other.say("/nick fay").read()).isEqualTo("ERR nickname fay is taken");
			assertThat(other.say("/nick FAY").read()).isEqualTo("ERR nickname FAY is taken");
			fay.say("/quit");
			assertThat(fay.read()).isEqualTo("* Bye.");
			assertThat(other.read()).isEqualTo("* fay left #three (quit)");
			// Once she has gone, the nickname is free everywhere.
			Awaitility.await("fay free").untilAsserted(() -> {
				other.say("/nick fay");
				assertThat(other.read()).isEqualTo("* notfay is now known as fay");
			});
		}
	}

	@Test
	void theLinkIsHealthyAndItsMetersPassPromtool() {
		assertThat(a.health("/chatCluster")).contains("\"status\":\"UP\"", "\"instance\":\"a\"",
				"\"otherInstances\":2");
		Scrape scrape = a.actuator().scrape();
		assertThat(scrape.value("sockets_chat_cluster_link_up")).isEqualTo(1);
		assertThat(scrape.value("sockets_chat_cluster_instances")).isEqualTo(2);
		assertThat(scrape.value("sockets_chat_cluster_messages_published_total")).isPositive();
		assertThat(scrape.value("sockets_chat_cluster_messages_received_total")).isPositive();
		assertThat(scrape.sum("sockets_chat_cluster_messages_dropped_total")).isZero();
		InstalledProgram.Result check = InstalledProgram.promtool().run(scrape.text(), "check", "metrics");
		assertThat(check.exitCode()).as(check.output()).isZero();
	}

	@Test
	void guestNicknamesAreUniqueAcrossInstances() {
		List<ChatUser> guests = new ArrayList<>();
		try {
			for (int round = 0; round < 4; round++) {
				for (ClusterInstance instance : List.of(a, b, c)) {
					guests.add(instance.join());
				}
			}
			Set<String> nicknames = new HashSet<>();
			guests.forEach((guest) -> nicknames.add(guest.nickname().toLowerCase()));
			assertThat(nicknames).hasSize(guests.size());
		}
		finally {
			guests.forEach(ChatUser::close);
		}
	}

}
