package dev.sockets.flows;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.sockets.listener.Listeners;
import dev.sockets.support.ChatUser;
import dev.sockets.support.LineClient;
import dev.sockets.support.SocketsTest;
import dev.sockets.support.TestCertificates;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Moderation over real sockets, as {@code telnet} users see it: room operators, kicks,
 * bans by nickname and by address (clients from distinct 127.0.0.x addresses), mutes, and
 * service operators by password hash and by client certificate. Each test keeps to rooms
 * of its own.
 */
@SocketsTest
@ExtendWith(OutputCaptureExtension.class)
class ModerationFlowsTest {

	/**
	 * {@code secret}, hashed as the README shows with {@code openssl kdf}, 1000 rounds.
	 */
	static final String ROOT_HASH = "{pbkdf2-sha256}1000$000102030405060708090a0b0c0d0e0f$"
			+ "4EFB2BBB6D2EB58EA8DEAED54417AE2FD87FD50A8A8568709363DA60D4560606";

	private static final TestCertificates certificates = TestCertificates.create();

	@DynamicPropertySource
	static void moderation(DynamicPropertyRegistry registry) {
		registry.add("sockets.chat.operators.root.password-hash", () -> ROOT_HASH);
		registry.add("sockets.chat.operators.certified.certificate-subject", () -> "CN=alice");
		String bundle = "spring.ssl.bundle.pem.moderation.";
		registry.add(bundle + "keystore.certificate", () -> "file:" + certificates.certificate("server"));
		registry.add(bundle + "keystore.private-key", () -> "file:" + certificates.key("server"));
		registry.add(bundle + "truststore.certificate", () -> "file:" + certificates.certificate("ca"));
		registry.add("sockets.listeners.chat-tls.service", () -> "chat");
		registry.add("sockets.listeners.chat-tls.port", () -> "0");
		registry.add("sockets.listeners.chat-tls.ssl.bundle", () -> "moderation");
		registry.add("sockets.listeners.chat-tls.ssl.client-auth", () -> "want");
	}

	@Autowired
	Listeners listeners;

	@Autowired
	MeterRegistry meters;

	private ChatUser user(String from, String nickname, String room) {
		ChatUser user = ChatUser.join(from, this.listeners.port("chat-tcp"));
		return named(user, nickname, room);
	}

	private static ChatUser named(ChatUser user, String nickname, String room) {
		ChatUser renamed = user.renamed(nickname);
		if (room != null) {
			assertThat(renamed.joinRoom(room)).as("topic and history of a new room").isEmpty();
		}
		return renamed;
	}

	private double moderation(String action, String outcome) {
		return this.meters.get("sockets.chat.moderation")
			.tags("action", action, "outcome", outcome)
			.functionCounter()
			.count();
	}

	@Test
	void theCreatorKicksAndTheRoomHearsWhy(CapturedOutput output) {
		double kicks = moderation("kick", "done");
		try (ChatUser alice = user("127.0.0.1", "kalice", "kicks"); ChatUser bob = user("127.0.0.1", "kbob", "kicks")) {
			assertThat(alice.read()).isEqualTo("* kbob joined #kicks");
			assertThat(alice.say("/ops").read()).isEqualTo("* Operators of #kicks: kalice");
			alice.say("/kick kbob no spam please");
			assertThat(bob.read())
				.isEqualTo("* You were kicked from #kicks by kalice (no spam please). /join a room to go on.");
			assertThat(alice.read()).isEqualTo("* kbob was kicked from #kicks by kalice (no spam please)");
			assertThat(alice.who()).isEqualTo("* In #kicks: kalice");
			assertThat(bob.say("anyone?").read()).isEqualTo("ERR you are in no room; /join ROOM to talk");
			assertThat(moderation("kick", "done")).isEqualTo(kicks + 1);
			assertThat(output).contains("dev.sockets.chat.audit",
					"kalice from 127.0.0.1 kick kbob in #kicks: done (no spam please)");
		}
	}

	@Test
	void aNonOperatorIsRefused() {
		double refused = moderation("ban", "refused");
		try (ChatUser alice = user("127.0.0.1", "nalice", "refusals");
				ChatUser bob = user("127.0.0.1", "nbob", "refusals")) {
			alice.read();
			assertThat(bob.say("/ban nalice").read()).isEqualTo("ERR you are not an operator of #refusals");
			assertThat(bob.say("/kick nalice").read()).isEqualTo("ERR you are not an operator of #refusals");
			assertThat(bob.say("/mute nalice").read()).isEqualTo("ERR you are not an operator of #refusals");
			assertThat(bob.say("/op nbob").read()).isEqualTo("ERR you are not an operator of #refusals");
			assertThat(bob.say("/kill nalice").read()).isEqualTo("ERR you are not a service operator");
			assertThat(moderation("ban", "refused")).isEqualTo(refused + 1);
			assertThat(alice.who()).isEqualTo("* In #refusals: nalice, nbob");
		}
	}

	@Test
	void anOperatorMakesAnotherAndOnlyOperatorsMayKick() {
		try (ChatUser alice = user("127.0.0.1", "oalice", "ops");
				ChatUser bob = user("127.0.0.1", "obob", "ops");
				ChatUser carol = user("127.0.0.1", "ocarol", "ops")) {
			alice.client().readLineStartingWith("* ocarol joined");
			bob.read();
			alice.say("/op obob");
			assertThat(bob.read()).isEqualTo("* oalice made obob an operator of #ops");
			assertThat(carol.read()).isEqualTo("* oalice made obob an operator of #ops");
			assertThat(alice.read()).isEqualTo("* oalice made obob an operator of #ops");
			assertThat(bob.say("/ops").read()).isEqualTo("* Operators of #ops: oalice, obob");
			bob.say("/deop oalice");
			assertThat(alice.read()).isEqualTo("* obob took oalice's operator status in #ops");
			assertThat(alice.say("/kick ocarol").read()).isEqualTo("ERR you are not an operator of #ops");
		}
	}

	@Test
	void aBannedNicknameCannotRejoinAndTheBansAreListed() {
		try (ChatUser alice = user("127.0.0.1", "balice", "bans"); ChatUser bob = user("127.0.0.1", "bbob", "bans")) {
			alice.read();
			alice.say("/kick bbob");
			bob.read();
			alice.read();
			assertThat(alice.say("/ban bbob trolling").read())
				.isEqualTo("* balice banned bbob from #bans for 7 days (trolling)");
			assertThat(bob.say("/join bans").read()).isEqualTo("ERR you are banned from #bans: trolling");
			assertThat(bob.who()).isEqualTo("ERR you are in no room; /join ROOM to talk");
			assertThat(alice.say("/bans").read()).isEqualTo("* Bans in #bans: bbob (by balice: trolling)");
			assertThat(alice.say("/unban bbob").read()).isEqualTo("* balice lifted the ban on bbob in #bans");
			assertThat(bob.say("/join bans").read()).isEqualTo("* You joined #bans.");
		}
	}

	@Test
	void aBannedAddressIsRefusedWhateverTheNickname() {
		double enforced = moderation("ban", "enforced");
		try (ChatUser alice = user("127.0.0.1", "aalice", "addresses");
				ChatUser bob = user("127.0.0.3", "abob", "addresses-b");
				ChatUser carol = user("127.0.0.4", "acarol", "addresses-c")) {
			assertThat(alice.say("/ban 127.0.0.3").read())
				.isEqualTo("* aalice banned 127.0.0.3 from #addresses for 7 days");
			assertThat(bob.say("/join addresses").read()).isEqualTo("ERR you are banned from #addresses");
			bob.say("/nick abobby");
			bob.client().readLineStartingWith("* abob is now known as abobby");
			assertThat(bob.say("/join addresses").read()).isEqualTo("ERR you are banned from #addresses");
			assertThat(carol.say("/join addresses").read()).isEqualTo("* You joined #addresses.");
			assertThat(moderation("ban", "enforced")).isEqualTo(enforced + 2);
		}
	}

	@Test
	void aRangeBanKeepsANewConnectionOutOfTheLobby() {
		try (ChatUser root = user("127.0.0.1", "rroot", "ranges")) {
			operUp(root);
			assertThat(root.say("/ban #lobby 127.0.5.0/24 go away").read())
				.isEqualTo("* rroot banned 127.0.5.0/24 from #lobby for 7 days (go away)");
			try (LineClient banned = LineClient.connectFrom("127.0.5.9", this.listeners.port("chat-tcp"))) {
				assertThat(banned.readLine()).isEqualTo("* Welcome to chat.");
				assertThat(banned.readLine()).matches("\\* You are guest\\d+\\. Type /help for commands\\.");
				assertThat(banned.readLine()).isEqualTo("ERR you are banned from #lobby: go away");
				assertThat(banned.send("hello").readLine()).isEqualTo("ERR you are in no room; /join ROOM to talk");
			}
			assertThat(root.say("/unban #lobby 127.0.5.0/24").read())
				.isEqualTo("* rroot lifted the ban on 127.0.5.0/24 in #lobby");
		}
	}

	@Test
	void aMutedUserIsToldAndItsLinesAreNotDelivered() {
		double enforced = moderation("mute", "enforced");
		try (ChatUser alice = user("127.0.0.1", "malice", "mutes"); ChatUser bob = user("127.0.0.1", "mbob", "mutes")) {
			alice.read();
			alice.say("/mute mbob 10m");
			assertThat(bob.read()).isEqualTo("* malice muted mbob in #mutes for 10 minutes");
			assertThat(alice.read()).isEqualTo("* malice muted mbob in #mutes for 10 minutes");
			assertThat(bob.say("am I heard?").read())
				.isEqualTo("ERR you are muted in #mutes for 10 more minutes; your lines are not delivered");
			// Nothing reached the room: the next thing alice hears is her own /who.
			assertThat(alice.who()).isEqualTo("* In #mutes: malice, mbob");
			alice.say("/unmute mbob");
			assertThat(bob.read()).isEqualTo("* malice unmuted mbob in #mutes");
			alice.read();
			bob.say("thanks");
			assertThat(alice.read()).isEqualTo("<mbob> thanks");
			assertThat(moderation("mute", "enforced")).isEqualTo(enforced + 1);
		}
	}

	@Test
	void aServiceOperatorByPasswordKicksBansAndKillsInAnyRoom() {
		double kills = moderation("kill", "done");
		try (ChatUser owner = user("127.0.0.1", "sowner", "service");
				ChatUser bob = user("127.0.0.1", "sbob", "service");
				ChatUser root = user("127.0.0.1", "sroot", "service-root")) {
			owner.read();
			assertThat(root.say("/oper root wrong").read()).isEqualTo("ERR wrong operator name or password");
			operUp(root);
			assertThat(root.say("/kick #service sbob").read()).isEqualTo("* sbob was kicked from #service by sroot");
			bob.read();
			assertThat(owner.read()).isEqualTo("* sbob was kicked from #service by sroot");
			root.say("/kill sbob enough");
			assertThat(bob.read()).isEqualTo("ERR disconnected by sroot (enough)");
			bob.client().assertClosedByServer();
			assertThat(moderation("kill", "done")).isEqualTo(kills + 1);
			assertThat(moderation("oper", "refused")).isPositive();
		}
	}

	@Test
	void aClientCertificateMakesAServiceOperator() {
		try (ChatUser certified = ChatUser
			.greeted(LineClient.connectTls(certificates.clientContext("client"), this.listeners.port("chat-tls")));
				ChatUser plain = ChatUser.greeted(
						LineClient.connectTls(certificates.clientContext(null), this.listeners.port("chat-tls")))) {
			// Others' comings and goings in the lobby may come first.
			certified.say("/oper certified");
			certified.client().readLineStartingWith("* You are now a service operator (certified).");
			plain.say("/oper certified");
			plain.client().readLineStartingWith("ERR wrong operator name or password");
		}
	}

	private static void operUp(ChatUser user) {
		assertThat(user.say("/oper root secret").read()).isEqualTo("* You are now a service operator (root).");
	}

}
