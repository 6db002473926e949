package dev.sockets.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import dev.sockets.support.ChatUser;
import dev.sockets.support.RedisServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A chat cluster losing Redis, and losing an instance, in the middle of a conversation.
 */
class ChatClusterFaultIT {

	private static final String LOST = "* cluster link lost: only users on this server can hear you";

	private static final String RECOVERED = "* cluster link recovered";

	@Test
	void redisGoesAwayMidConversationAndComesBack() {
		try (RedisServer redis = RedisServer.start();
				ClusterInstance a = ClusterInstance.start("a", redis);
				ClusterInstance b = ClusterInstance.start("b", redis);
				ChatUser alice = ChatClusterIT.user(a, "alice", "faults");
				ChatUser bob = ChatClusterIT.user(a, "bob", "faults");
				ChatUser carol = ChatClusterIT.user(b, "carol", "faults")) {
			alice.client().readLineStartingWith("* carol joined");
			bob.client().readLineStartingWith("* carol joined");
			alice.say("before");
			everyoneHears("<alice> before", bob, carol);

			redis.stop();
			// Everyone hears it once; the chat goes on among the users of each instance.
			everyoneHears(LOST, alice, bob, carol);
			a.awaitLink("DOWN");
			assertThat(a.health("/chatCluster")).contains("\"reason\":");
			assertThat(a.health("/liveness")).contains("\"status\":\"UP\"");
			assertThat(a.health("/readiness")).contains("\"status\":\"UP\"");
			assertThat(a.metric("sockets_chat_cluster_link_up")).isZero();
			double droppedBefore = a.metric("sockets_chat_cluster_messages_dropped_total", "reason", "disconnected");
			alice.say("while redis is away");
			assertThat(bob.read()).isEqualTo("<alice> while redis is away");
			carol.say("can anyone hear me");
			assertThat(a.metric("sockets_chat_cluster_messages_dropped_total", "reason", "disconnected"))
				.isGreaterThan(droppedBefore);
			// Only local users now: carol is not listed on a, nor alice and bob on b.
			assertThat(alice.who()).isEqualTo("* In #faults: alice, bob");
			assertThat(carol.who()).isEqualTo("* In #faults: carol");

			redis.startAgain();
			everyoneHears(RECOVERED, alice, bob, carol);
			a.awaitLink("UP");
			b.awaitLink("UP");
			assertThat(a.metric("sockets_chat_cluster_link_up")).isEqualTo(1);
			// Presence flows again within a heartbeat or two, and so does the
			// conversation.
			Awaitility.await("carol listed on a").untilAsserted(() -> assertThat(alice.who()).contains("carol"));
			carol.say("back");
			everyoneHears("<carol> back", alice, bob);
			alice.say("welcome back");
			assertThat(carol.read()).isEqualTo("<alice> welcome back");
			assertThat(a.metric("sockets_chat_cluster_messages_received_total")).isPositive();
			assertThat(b.metric("sockets_chat_cluster_messages_published_total")).isPositive();
		}
	}

	@Test
	void aRedisThatHangsHoldsUpNothingButWhatWaitsOnIt() {
		try (RedisServer redis = RedisServer.start();
				// Lines as fast as they come back: no flood control in the way.
				ClusterInstance a = ClusterInstance.start("a", redis, "--sockets.chat.flood.messages-per-second=100000",
						"--sockets.chat.flood.message-burst=100000", "--sockets.chat.flood.bytes-per-second=1GB",
						"--sockets.chat.flood.byte-burst=1GB");
				ClusterInstance b = ClusterInstance.start("b", redis);
				ChatUser alice = ChatClusterIT.user(a, "alice", "hang");
				// In a room of their own, so that alice hears nothing but her rename.
				ChatUser bob = ChatClusterIT.user(a, "bob", "talk");
				ChatUser dave = ChatClusterIT.user(a, "dave", "talk");
				ChatUser carol = ChatClusterIT.user(b, "carol", "hang")) {
			alice.client().readLineStartingWith("* carol joined");

			redis.pause();
			long paused = System.nanoTime();
			alice.say("/nick alicia");
			// The users of this instance talk on while the rename waits for Redis.
			List<Long> latencies = new ArrayList<>();
			while (System.nanoTime() - paused < Duration.ofSeconds(4).toNanos()) {
				long sent = System.nanoTime();
				bob.say("ping " + sent);
				dave.client().readLineStartingWith("<bob> ping " + sent);
				latencies.add((System.nanoTime() - sent) / 1_000_000);
			}
			// Redis gave no answer, so the link is declared lost and the rename is made
			// here.
			assertThat(alice.client().readLineStartingWith("* alice is now known as"))
				.isEqualTo("* alice is now known as alicia");
			latencies.sort(null);
			long median = latencies.get(latencies.size() / 2);
			long slowest = latencies.get(latencies.size() - 1);
			System.out.printf("Redis hung: %d lines between local users, median %d ms, slowest %d ms%n",
					latencies.size(), median, slowest);
			assertThat(slowest).as("slowest line between local users, ms").isLessThan(500);

			redis.resume();
			int logged = a.process().output().length();
			alice.client().readLineStartingWith(RECOVERED);
			carol.client().readLineStartingWith(RECOVERED);
			a.awaitLink("UP");
			Awaitility.await("alicia known on b")
				.atMost(Duration.ofSeconds(20))
				.untilAsserted(() -> assertThat(carol.who()).contains("alicia"));
			// What queued on a while Redis hung went stale and is not published now: the
			// heartbeat does not wait behind it, and the link stays up.
			alice.say("all back");
			assertThat(carol.client().readLineStartingWith("<alicia>")).isEqualTo("<alicia> all back");
			Awaitility.await("a's link staying up")
				.during(Duration.ofSeconds(3))
				.atMost(Duration.ofSeconds(10))
				.until(() -> a.health("/chatCluster").contains("\"status\":\"UP\""));
			assertThat(a.process().output().substring(logged)).doesNotContain("Chat cluster link down");
			// The events dropped while the link was down are counted, not logged one by
			// one.
			assertThat(a.process().output()).doesNotContain("has been rejected in filter");
			assertThat(a.metric("sockets_chat_cluster_messages_dropped_total", "reason", "disconnected")).isPositive();
		}
	}

	@Test
	void aNicknameTakenOnTwoInstancesWhileRedisIsAwayStaysWithOneUserAfter() {
		try (RedisServer redis = RedisServer.start();
				ClusterInstance a = ClusterInstance.start("a", redis);
				ClusterInstance b = ClusterInstance.start("b", redis);
				ChatUser dan = ChatClusterIT.user(a, "dan", "split");
				ChatUser erin = ChatClusterIT.user(b, "erin", "split")) {
			assertThat(dan.read()).isEqualTo("* erin joined #split");
			redis.stop();
			everyoneHears(LOST, dan, erin);
			// Neither instance can ask Redis, and neither knows of the other's user now.
			dan.say("/nick zed");
			assertThat(dan.read()).isEqualTo("* dan is now known as zed");
			erin.say("/nick zed");
			assertThat(erin.read()).isEqualTo("* erin is now known as zed");

			redis.startAgain();
			everyoneHears(RECOVERED, dan, erin);
			// The first instance to renew its claims keeps the nickname; the other's user
			// yields, and
			// both hear of it.
			String renamed = dan.client().readLineStartingWith("* zed is now known as guest");
			assertThat(erin.client().readLineStartingWith("* zed is now known as guest")).isEqualTo(renamed);
			String guest = renamed.substring("* zed is now known as ".length());
			// The one who yielded is told why, before the answer to its /who.
			String notice = "* The nickname zed is used on another server; you are now " + guest + ".";
			String danNext = dan.say("/who").read();
			String erinNext = erin.say("/who").read();
			assertThat(List.of(danNext, erinNext)).filteredOn((line) -> line.startsWith("* The nickname"))
				.containsExactly(notice);
			(notice.equals(danNext) ? dan : erin).client().readLineStartingWith("* In #split");
			Awaitility.await("one zed, one " + guest + " in the cluster")
				.untilAsserted(() -> assertThat(dan.who()).isIn("* In #split: " + guest + ", zed",
						"* In #split: zed, " + guest));
		}
	}

	@Test
	void theUsersOfAnInstanceThatDiesGoOfflineAndTheirNicknamesFree() {
		try (RedisServer redis = RedisServer.start();
				ClusterInstance a = ClusterInstance.start("a", redis);
				ClusterInstance b = ClusterInstance.start("b", redis);
				ChatUser alice = ChatClusterIT.user(a, "alice", "crash");
				ChatUser carol = ChatClusterIT.user(b, "carol", "crash")) {
			assertThat(alice.read()).isEqualTo("* carol joined #crash");

			b.process().kill();
			// No goodbye from b: the survivors notice its silence.
			alice.client().readLineStartingWith("* carol is offline (server lost)");
			Awaitility.await("carol's nickname free").atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
				alice.say("/nick carol");
				assertThat(alice.read()).isEqualTo("* alice is now known as carol");
			});
			assertThat(a.health("/chatCluster")).contains("\"otherInstances\":0");
		}
	}

	private static void everyoneHears(String line, ChatUser... users) {
		for (ChatUser user : users) {
			assertThat(user.read()).as(user.nickname()).isEqualTo(line);
		}
	}

}
