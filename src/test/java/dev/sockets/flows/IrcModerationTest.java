package dev.sockets.flows;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.sockets.listener.Listeners;
import dev.sockets.support.ChatUser;
import dev.sockets.support.IrcUser;
import dev.sockets.support.SocketsTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Moderation as an IRC client does it and sees it ({@code KICK}, {@code MODE +o/+b},
 * {@code OPER}, {@code KILL} and their numerics), in rooms shared with line users. Each
 * test keeps to rooms of its own.
 */
@SocketsTest
class IrcModerationTest {

	@DynamicPropertySource
	static void operators(DynamicPropertyRegistry registry) {
		registry.add("sockets.chat.operators.root.password-hash", () -> ModerationFlowsTest.ROOT_HASH);
	}

	@Autowired
	Listeners listeners;

	private IrcUser irc(String nickname) {
		return IrcUser.connect(nickname, this.listeners.port("chat-irc"));
	}

	private ChatUser line(String nickname, String room) {
		ChatUser user = ChatUser.join(this.listeners.port("chat-tcp")).renamed(nickname);
		if (room != null) {
			user.joinRoom(room);
		}
		return user;
	}

	@Test
	void anIrcCreatorKicksALineUserAndNamesMarkTheOperator() {
		try (IrcUser op = irc("ikop")) {
			op.join("#ikicks");
			assertThat(op.awaitNumeric(353)).endsWith(" #ikicks :@ikop");
			try (ChatUser bob = line("ikbob", "ikicks")) {
				op.awaitEvent("join #ikicks ikbob");
				op.raw("NAMES #ikicks");
				op.awaitLine((line) -> line.endsWith(" 353 ikop = #ikicks :@ikop ikbob"));
				op.raw("WHO #ikicks");
				assertThat(op.awaitNumeric(352)).contains(" ikop H@ ");
				op.raw("KICK #ikicks ikbob :no spam");
				assertThat(bob.read()).startsWith("* You were kicked from #ikicks by ikop (no spam).");
				assertThat(op.awaitLine((line) -> line.contains(" KICK ")))
					.isEqualTo(":ikop!ikop@sockets.local KICK #ikicks ikbob :no spam");
			}
		}
	}

	@Test
	void aLineCreatorKicksAndOpsIrcUsersWhoSeeItAsIrc() {
		try (ChatUser alice = line("lkalice", "lkicks"); IrcUser bob = irc("lkbob"); IrcUser carol = irc("lkcarol")) {
			bob.join("#lkicks");
			carol.join("#lkicks");
			alice.say("/op lkcarol");
			assertThat(bob.awaitLine((line) -> line.contains(" MODE #lkicks")))
				.isEqualTo(":lkalice!lkalice@sockets.local MODE #lkicks +o lkcarol");
			carol.raw("KICK #lkicks lkbob :out");
			assertThat(bob.awaitLine((line) -> line.contains(" KICK ")))
				.isEqualTo(":lkcarol!lkcarol@sockets.local KICK #lkicks lkbob out");
			assertThat(alice.client().readLineStartingWith("* lkbob was kicked"))
				.isEqualTo("* lkbob was kicked from #lkicks by lkcarol (out)");
			carol.raw("KICK #lkicks nobody");
			assertThat(carol.awaitNumeric(441)).contains(" nobody #lkicks ");
		}
	}

	@Test
	void aNonOperatorGets482() {
		try (ChatUser alice = line("nalice2", "irefusals"); IrcUser bob = irc("nbob2")) {
			bob.join("#irefusals");
			bob.raw("KICK #irefusals nalice2 :go");
			assertThat(bob.awaitNumeric(482)).contains(" #irefusals ");
			bob.raw("MODE #irefusals +o nbob2");
			assertThat(bob.awaitNumeric(482)).contains(" #irefusals ");
			bob.raw("MODE #irefusals +b nalice2");
			assertThat(bob.awaitNumeric(482)).contains(" #irefusals ");
			bob.raw("KILL nalice2 :go");
			assertThat(bob.awaitNumeric(481)).contains("Permission Denied");
		}
	}

	@Test
	void aBannedIrcUserGets474OnJoinAndTheBansAreListed() {
		try (IrcUser op = irc("bop"); IrcUser victim = irc("bvictim"); ChatUser watcher = line("bwatch", null)) {
			op.join("#ibans");
			op.raw("MODE #ibans +b bvictim");
			assertThat(op.awaitLine((line) -> line.contains(" MODE #ibans")))
				.isEqualTo(":bop!bop@sockets.local MODE #ibans +b bvictim");
			op.raw("MODE #ibans b");
			assertThat(op.awaitNumeric(367)).contains(" #ibans bvictim bop");
			assertThat(op.awaitNumeric(368)).contains(" #ibans ");
			victim.raw("JOIN #ibans");
			assertThat(victim.awaitNumeric(474)).contains(" #ibans ");
			watcher.say("/join ibans");
			assertThat(watcher.read()).startsWith("* You joined #ibans.");
			op.raw("MODE #ibans -b bvictim");
			assertThat(op.awaitLine((line) -> line.contains(" MODE #ibans")))
				.isEqualTo(":bop!bop@sockets.local MODE #ibans -b bvictim");
			victim.join("#ibans");
		}
	}

	@Test
	void aMutedIrcUserGets404() {
		try (ChatUser alice = line("malice2", "imutes"); IrcUser bob = irc("mbob2")) {
			bob.join("#imutes");
			alice.say("/mute mbob2 10m");
			bob.awaitLine((line) -> line.contains("NOTICE #imutes :mbob2 is muted"));
			bob.say("#imutes", "can you hear me");
			assertThat(bob.awaitNumeric(404)).contains(" #imutes ", "muted");
		}
	}

	@Test
	void operWithTheConfiguredHashThenKill() {
		try (IrcUser root = irc("sroot"); ChatUser victim = line("svictim", null)) {
			root.raw("OPER root wrong");
			assertThat(root.awaitNumeric(464)).contains("Password incorrect");
			root.raw("KILL svictim :enough");
			root.awaitNumeric(481);
			root.raw("OPER root secret");
			assertThat(root.awaitNumeric(381)).contains("You are now an IRC operator");
			root.raw("KILL nobody :enough");
			assertThat(root.awaitNumeric(401)).contains(" nobody ");
			root.raw("KILL svictim :enough");
			assertThat(victim.client().readLineStartingWith("ERR disconnected"))
				.isEqualTo("ERR disconnected by sroot (enough)");
		}
	}

}
