package dev.sockets.cluster;

import java.time.Duration;
import java.util.List;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.sockets.support.ChatUser;
import dev.sockets.support.InstalledProgram;
import dev.sockets.support.RedisServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * History, topics, actions and away across two instances of the built jar on one real
 * {@code redis-server}: what one instance keeps, the other replays, and so does an
 * instance started again. Each test keeps to a room of its own.
 */
class RoomMemoryClusterIT {

	private static final String STAMP = "\\[\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\\] ";

	private static final String LINES = "--sockets.chat.history.lines=5";

	private static RedisServer redis;

	private static ClusterInstance a;

	private static ClusterInstance b;

	@BeforeAll
	static void startCluster() {
		redis = RedisServer.start();
		List<ClusterInstance> instances = ClusterInstance.startAll(redis, List.of("a", "b"), LINES);
		a = instances.get(0);
		b = instances.get(1);
	}

	@AfterAll
	static void stopCluster() {
		ClusterInstance.closeAll(a, b, redis);
	}

	private static ChatUser user(ClusterInstance instance, String nickname) {
		return instance.join().renamed(nickname);
	}

	@Test
	void everyInstanceReplaysTheSameLinesAndSoDoesOneStartedAgain() {
		List<String> onA;
		try (ChatUser alice = user(a, "alice"); ChatUser bob = user(b, "bob")) {
			alice.joinRoom("replay");
			bob.joinRoom("replay");
			alice.say("first from a");
			assertThat(bob.client().readLineStartingWith("<alice>")).isEqualTo("<alice> first from a");
			bob.say("then from b");
			assertThat(alice.client().readLineStartingWith("<bob>")).isEqualTo("<bob> then from b");
			alice.say("/me waves");
			assertThat(bob.client().readLineStartingWith("* alice")).isEqualTo("* alice waves");
			Awaitility.await("bob known on a").untilAsserted(() -> {
				alice.say("/msg bob never kept");
				assertThat(alice.client().readLineStartingWith("-> *bob*")).isEqualTo("-> *bob* never kept");
			});
			onA = recalled(a);
			assertThat(onA).hasSize(5);
			assertThat(onA.get(0)).isEqualTo("* history of #replay, the last 3 lines, times in UTC:");
			assertThat(onA.get(1)).matches(STAMP + "<alice> first from a");
			assertThat(onA.get(2)).matches(STAMP + "<bob> then from b");
			assertThat(onA.get(3)).matches(STAMP + "\\* alice waves");
			assertThat(onA.get(4)).isEqualTo("* end of history");
			assertThat(recalled(b)).isEqualTo(onA);
		}
		a.close();
		a = ClusterInstance.start("a", redis, LINES);
		ClusterInstance.awaitPeers(List.of(a, b));
		assertThat(recalled(a)).isEqualTo(onA);
		assertThat(a.metric("sockets_chat_history_replayed_total")).isEqualTo(3);
		assertThat(a.metric("sockets_chat_history_recalls_failed_total")).isZero();
	}

	/**
	 * @return what a user joining the room on an instance is told of it
	 */
	private static List<String> recalled(ClusterInstance instance) {
		try (ChatUser user = instance.join()) {
			return user.joinRoom("replay");
		}
	}

	@Test
	void aTopicSetOnOneInstanceIsSeenOnTheOther() {
		try (ChatUser carol = user(a, "carol"); ChatUser dave = user(b, "dave")) {
			carol.joinRoom("topical");
			dave.joinRoom("topical");
			carol.say("/topic set on a");
			assertThat(dave.client().readLineStartingWith("* carol set"))
				.isEqualTo("* carol set the topic of #topical: set on a");
			try (ChatUser erin = b.join()) {
				assertThat(erin.joinRoom("topical")).hasSize(1)
					.element(0)
					.asString()
					.matches("\\* Topic for #topical: set on a \\(set by carol at \\d{4}-.*Z\\)");
			}
		}
	}

	@Test
	void actionsAndAwayReachAnotherInstance() {
		try (ChatUser fred = user(a, "fred"); ChatUser gina = user(b, "gina")) {
			fred.joinRoom("afk");
			gina.joinRoom("afk");
			assertThat(gina.say("/away gone fishing").client().readLineStartingWith("* You"))
				.isEqualTo("* You are away.");
			Awaitility.await("gina away, seen from a").untilAsserted(() -> {
				fred.say("/who");
				assertThat(fred.client().readLineStartingWith("* In #afk")).contains("gina (away: gone fishing)");
			});
			fred.say("/msg gina back soon?");
			assertThat(fred.read()).isEqualTo("-> *gina* back soon?");
			assertThat(fred.read()).isEqualTo("* gina is away: gone fishing");
			assertThat(gina.client().readLineStartingWith("*fred*")).isEqualTo("*fred* back soon?");
			fred.say("/me nods");
			assertThat(gina.client().readLineStartingWith("* fred")).isEqualTo("* fred nods");
		}
	}

	@Test
	void theHistoryInRedisIsCappedAndExpires() {
		try (ChatUser hank = user(b, "hank")) {
			hank.joinRoom("capped");
			for (int i = 0; i < 10; i++) {
				hank.say("line " + i);
			}
			Awaitility.await("the room's list capped")
				.untilAsserted(() -> assertThat(redis("LLEN", "sockets:chat:history:#capped")).isEqualTo("5"));
			long ttl = Long.parseLong(redis("PTTL", "sockets:chat:history:#capped"));
			assertThat(ttl).isPositive().isLessThanOrEqualTo(Duration.ofHours(1).toMillis());
		}
	}

	private static String redis(String... command) {
		String[] args = new String[command.length + 2];
		args[0] = "-p";
		args[1] = String.valueOf(redis.port());
		System.arraycopy(command, 0, args, 2, command.length);
		return InstalledProgram.require("redis-cli", "redis-tools").runSuccessfully(args).strip();
	}

}
