package dev.sockets.cluster;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import dev.sockets.support.Actuator;
import dev.sockets.support.ChatUser;
import dev.sockets.support.LineClient;
import dev.sockets.support.RedisServer;
import dev.sockets.support.ServiceProcess;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An instance joins the chat cluster before it serves: a client that connects the moment
 * it is ready, as a kubelet lets one in after a rolling update, finds the whole chat, and
 * a nickname that stays its own.
 */
class ClusterJoinIT {

	private static final Pattern WELCOME = Pattern
		.compile("\\* You are (\\S+) in #lobby\\. Type /help for commands\\.");

	@Test
	void aClientOfAnInstanceJustReadyFindsEveryoneAndANicknameOfItsOwn() {
		try (RedisServer redis = RedisServer.start();
				ClusterInstance first = ClusterInstance.start("first", redis);
				ChatUser anna = first.join();
				ChatUser guest = first.join()) {
			anna.say("/nick anna");
			guest.client().readLineStartingWith("* " + anna.nickname() + " is now known as anna");
			for (int round = 0; round < 20; round++) {
				String name = "joiner-" + round;
				String nickname;
				try (ServiceProcess joining = ClusterInstance.launch(name, redis)) {
					Actuator actuator = new Actuator(joining.awaitManagementPort());
					Awaitility.await(name + " ready")
						.atMost(Duration.ofSeconds(60))
						.pollInterval(Duration.ofMillis(20))
						.ignoreExceptions()
						.until(() -> actuator.get("/actuator/health/readiness").status() == 200);
					// The moment it is ready: its chat listener is serving, and the chat
					// is whole.
					try (LineClient client = LineClient.connect(joining.awaitPort("chat-tcp"))) {
						assertThat(client.readLine()).isEqualTo("* Welcome to chat.");
						Matcher welcome = WELCOME.matcher(client.readLine());
						assertThat(welcome.matches()).as("round %d", round).isTrue();
						nickname = welcome.group(1);
						assertThat(nickname).as("round %d", round).isNotEqualToIgnoringCase(guest.nickname());
						assertThat(client.readLine()).as("round %d: who is here", round)
							.startsWith("* Also here: ")
							.contains("anna", guest.nickname());
						assertThat(client.send("/nick anna").readLine()).isEqualTo("ERR nickname anna is taken");
						assertThat(client.send("/nick " + guest.nickname().toUpperCase()).readLine())
							.isEqualTo("ERR nickname " + guest.nickname().toUpperCase() + " is taken");
						assertThat(client.send("/who").readLine()).as("round %d", round)
							.startsWith("* In #lobby: " + nickname)
							.contains("anna", guest.nickname());
						assertThat(guest.client().readLineStartingWith("* " + nickname + " joined"))
							.isEqualTo("* " + nickname + " joined #lobby");
						assertThat(guest.who()).contains(nickname);
					}
					// Gone, and heard of on the first instance: before the joining
					// instance stops, whose shutdown would otherwise race the close.
					assertThat(guest.client().readLineStartingWith("* " + nickname + " "))
						.isEqualTo("* " + nickname + " is offline (connection closed)");
				}
			}
		}
	}

	@Test
	void anInstanceThatCannotReachRedisServesAloneAfterTheJoinTimeoutAndJoinsLater() {
		try (RedisServer redis = RedisServer.start()) {
			redis.stop();
			try (ServiceProcess lonely = ClusterInstance.launch("lonely", redis,
					"--sockets.chat.redis.join-timeout=3s")) {
				long launched = System.nanoTime();
				int port = lonely.awaitPort("chat-tcp");
				assertThat(Duration.ofNanos(System.nanoTime() - launched)).as("serving waited for the join timeout")
					.isGreaterThanOrEqualTo(Duration.ofSeconds(3));
				assertThat(lonely.output()).contains("Chat cluster: serving alone: the link did not work within 3 s");
				Actuator actuator = new Actuator(lonely.awaitManagementPort());
				Awaitility.await()
					.atMost(Duration.ofSeconds(30))
					.ignoreExceptions()
					.until(() -> actuator.get("/actuator/health/readiness").status() == 200);
				assertThat(actuator.get("/actuator/health/chatCluster").body()).contains("\"status\":\"DOWN\"",
						"serving alone", "\"joined\":false");
				try (ChatUser user = ChatUser.join(port)) {
					assertThat(user.read()).isEqualTo("* cluster link lost: only users on this server can hear you");
					redis.startAgain();
					assertThat(user.read()).isEqualTo("* cluster link recovered");
					Awaitility.await()
						.atMost(Duration.ofSeconds(30))
						.untilAsserted(() -> assertThat(actuator.get("/actuator/health/chatCluster").body())
							.contains("\"status\":\"UP\"", "\"joined\":true"));
					assertThat(lonely.output()).contains("Chat cluster: joined, with 0 other instances");
				}
			}
		}
	}

}
