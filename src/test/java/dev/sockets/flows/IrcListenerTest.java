package dev.sockets.flows;

import java.time.Duration;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.sockets.listener.Listeners;
import dev.sockets.support.ChatUser;
import dev.sockets.support.IrcUser;
import dev.sockets.support.SocketsTest;
import dev.sockets.support.TestCertificates;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chat from an IRC client nobody here wrote (Kitteh IRC Client Library), over plain
 * TCP and TLS, sharing rooms and nicknames with line users.
 */
@SocketsTest
class IrcListenerTest {

	private static final TestCertificates certificates = TestCertificates.create();

	@DynamicPropertySource
	static void listeners(DynamicPropertyRegistry registry) {
		String bundle = "spring.ssl.bundle.pem.server.";
		registry.add(bundle + "keystore.certificate", () -> "file:" + certificates.certificate("server"));
		registry.add(bundle + "keystore.private-key", () -> "file:" + certificates.key("server"));
		registry.add("sockets.listeners.chat-ircs.service", () -> "chat");
		registry.add("sockets.listeners.chat-ircs.dialect", () -> "irc");
		registry.add("sockets.listeners.chat-ircs.port", () -> "0");
		registry.add("sockets.listeners.chat-ircs.ssl.bundle", () -> "server");
		registry.add("sockets.chat.greeting", () -> "Welcome to chat.");
	}

	@Autowired
	Listeners listeners;

	private int ircPort() {
		return this.listeners.port("chat-irc");
	}

	@Test
	void anIrcClientRegistersAndLearnsWhatTheServerSupports() {
		try (IrcUser alice = IrcUser.connect("alice", ircPort())) {
			assertThat(alice.nick()).isEqualTo("alice");
			alice.awaitNumeric(376);
			// The library reads its lines on a thread of its own: what it makes of them
			// comes a little after them.
			Awaitility.await()
				.atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(alice.client().getServerInfo().getMotd()).isPresent());
			assertThat(alice.client().getServerInfo().getNetworkName()).contains("sockets");
			assertThat(alice.client().getServerInfo().getNickLengthLimit()).isEqualTo(16);
			assertThat(alice.client().getServerInfo().getChannelLengthLimit()).isEqualTo(25);
			assertThat(alice.client().getServerInfo().getMotd())
				.hasValueSatisfying((motd) -> assertThat(String.join("\n", motd)).contains("Welcome to chat."));
		}
	}

	@Test
	void overTlsToo() {
		try (IrcUser tls = IrcUser.connectTls("tilda", this.listeners.port("chat-ircs"),
				certificates.trustManagerFactory()); ChatUser line = ChatUser.join(this.listeners.port("chat-tcp"))) {
			tls.join("#lobby");
			line.client().readLineStartingWith("* tilda joined #lobby");
			line.say("over the wire");
			tls.awaitEvent("message #lobby " + line.nickname() + " over the wire");
		}
	}

	@Test
	void ircAndLineUsersShareARoom() {
		try (ChatUser line = ChatUser.join(this.listeners.port("chat-tcp"));
				IrcUser bob = IrcUser.connect("bob", ircPort())) {
			bob.join("#lobby");
			assertThat(line.client().readLineStartingWith("* bob")).isEqualTo("* bob joined #lobby");
			Awaitility.await()
				.atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(bob.client().getChannel("#lobby")).hasValueSatisfying(
						(channel) -> assertThat(channel.getNicknames()).contains("bob", line.nickname())));
			line.say("hello bob");
			bob.awaitEvent("message #lobby " + line.nickname() + " hello bob");
			bob.say("#lobby", "hello line");
			assertThat(line.read()).isEqualTo("<bob> hello line");
			line.say("/msg bob psst");
			bob.awaitEvent("private " + line.nickname() + " psst");
			bob.say(line.nickname(), "psst back");
			assertThat(line.client().readLineStartingWith("*bob*")).isEqualTo("*bob* psst back");
			assertThat(line.who()).isEqualTo("* In #lobby: " + line.nickname() + ", bob");
		}
	}

	@Test
	void renamesPartsAndQuitsAreSeenBothWays() {
		try (ChatUser line = ChatUser.join(this.listeners.port("chat-tcp"));
				IrcUser carol = IrcUser.connect("carol", ircPort())) {
			carol.join("#lobby");
			line.client().readLineStartingWith("* carol joined");
			carol.client().setNick("caroline");
			assertThat(line.read()).isEqualTo("* carol is now known as caroline");
			carol.awaitEvent("nick carol caroline");
			line.say("/nick lionel");
			carol.awaitEvent("nick " + line.nickname() + " lionel");
			line.say("/join elsewhere");
			carol.awaitEvent("part #lobby lionel");
			carol.join("#elsewhere");
			assertThat(line.client().readLineStartingWith("* caroline")).isEqualTo("* caroline joined #elsewhere");
			carol.client().removeChannel("#elsewhere");
			assertThat(line.read()).isEqualTo("* caroline left #elsewhere");
			carol.join("#elsewhere");
			line.client().readLineStartingWith("* caroline joined");
			line.say("/quit see you");
			carol.awaitEvent("quit lionel Quit: see you");
		}
	}

}
