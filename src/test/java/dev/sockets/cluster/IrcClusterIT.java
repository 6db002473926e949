package dev.sockets.cluster;

import java.time.Duration;
import java.util.List;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.sockets.support.ChatUser;
import dev.sockets.support.IrcUser;
import dev.sockets.support.RedisServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances of the built jar on one real {@code redis-server}, an IRC client (Kitteh
 * IRC Client Library) on one and a line user on the other: one chat, one set of rooms,
 * one nickname namespace.
 */
class IrcClusterIT {

	private static RedisServer redis;

	private static ClusterInstance a;

	private static ClusterInstance b;

	@BeforeAll
	static void startCluster() {
		redis = RedisServer.start();
		List<ClusterInstance> instances = ClusterInstance.startAll(redis, List.of("a", "b"));
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

	@Test
	void anIrcUserAndALineUserOnTwoInstancesShareARoom() {
		try (ChatUser leo = ChatClusterIT.user(b, "leo", "across"); IrcUser ivy = connectWhenSeen("ivy", a, 1)) {
			ivy.join("#across");
			assertThat(leo.read()).isEqualTo("* ivy joined #across");
			Awaitility.await("leo among the names ivy got")
				.atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(ivy.client().getChannel("#across"))
					.hasValueSatisfying((channel) -> assertThat(channel.getNicknames()).contains("ivy", "leo")));

			leo.say("hello from b");
			ivy.awaitEvent("message #across leo hello from b");
			ivy.say("#across", "hello from a");
			assertThat(leo.read()).isEqualTo("<ivy> hello from a");
			ivy.say("leo", "psst");
			assertThat(leo.read()).isEqualTo("*ivy* psst");
			leo.say("/msg ivy psst back");
			ivy.awaitEvent("private leo psst back");
			assertThat(leo.read()).isEqualTo("-> *ivy* psst back");

			ivy.client().setNick("ivory");
			assertThat(leo.read()).isEqualTo("* ivy is now known as ivory");
			leo.say("/nick leon");
			ivy.awaitEvent("nick leo leon");
			leo.say("/quit");
			ivy.awaitEventStartingWith("quit leon ");
		}
	}

	@Test
	void aNicknameInUseOnOneInstanceIsRefusedOnTheOtherInEitherDialect() {
		try (ChatUser zed = ChatClusterIT.user(b, "zed", "names");
				IrcUser probe = IrcUser.connect("probe", a.ircPort())) {
			// Word of zed's nickname reaches a a moment after he took it.
			Awaitility.await("zed known on a").untilAsserted(() -> {
				probe.raw("ISON zed");
				assertThat(probe.awaitEventStartingWith("numeric 303 probe")).isEqualTo("numeric 303 probe zed");
			});
			try (IrcUser other = IrcUser.connect("zed", a.ircPort(), (refused) -> refused + "_")) {
				assertThat(other.welcome()).contains(" 001 zed_ ");
				assertThat(other.rejectedNicks()).containsExactly("zed");
				other.raw("NICK ZED");
				other.awaitEvent("numeric 433 zed_ ZED Nickname is already in use");
			}
			Awaitility.await("probe known on b").untilAsserted(() -> {
				zed.say("/msg probe are you there?");
				assertThat(zed.read()).isEqualTo("-> *probe* are you there?");
			});
			assertThat(zed.say("/nick PROBE").read()).isEqualTo("ERR nickname PROBE is taken");
			probe.raw("QUIT :bye");
			// Once it has gone, the nickname is free everywhere.
			Awaitility.await("probe free").untilAsserted(() -> {
				zed.say("/nick probe");
				assertThat(zed.read()).isEqualTo("* zed is now known as probe");
			});
		}
	}

	private static IrcUser connectWhenSeen(String nick, ClusterInstance instance, int usersElsewhere) {
		ChatClusterIT.awaitSeen(instance, usersElsewhere);
		return IrcUser.connect(nick, instance.ircPort());
	}

}
