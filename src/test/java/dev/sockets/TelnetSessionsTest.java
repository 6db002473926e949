package dev.sockets;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import dev.sockets.listener.Listeners;
import dev.sockets.support.ChatUser;
import dev.sockets.support.LineClient;
import dev.sockets.support.SocketsTest;
import dev.sockets.support.TelnetTerminal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Debian's {@code telnet} in a terminal against the echo and the chat, beside plain
 * clients such as {@code nc} on the same listeners.
 */
class TelnetSessionsTest {

	private static final Pattern JOINED = Pattern.compile("\\* (\\S+) joined #lobby");

	private static final byte[] DO_BINARY = { (byte) 255, (byte) 253, 0 };

	/**
	 * @return the nickname of the user a chat member hears join next; notices of users of
	 * other tests still leaving are skipped
	 */
	private static String joined(ChatUser member) {
		for (int i = 0; i < 100; i++) {
			Matcher joined = JOINED.matcher(member.read());
			if (joined.matches()) {
				return joined.group(1);
			}
		}
		return fail("Nobody joined");
	}

	/**
	 * @return the next line a chat member hears someone say; notices are skipped
	 */
	private static String said(ChatUser member) {
		return member.client().readLineStartingWith("<");
	}

	@Nested
	@SocketsTest
	@TestPropertySource(properties = "sockets.echo.reply-prefix=OK...")
	class Auto {

		@Autowired
		Listeners listeners;

		@Test
		void ctrlCInAnEchoSessionLeavesItAnswering() {
			try (TelnetTerminal telnet = TelnetTerminal.connect(this.listeners.port("echo-tcp"))) {
				telnet.type("before");
				telnet.awaitLine("OK...before");
				// telnet sends IP and DO TIMING-MARK, then shows nothing until the
				// mark is answered.
				telnet.interrupt();
				telnet.type("after");
				telnet.awaitLine("OK...after");
				telnet.type("naïve 日本語");
				telnet.awaitLine("OK...naïve 日本語");
			}
		}

		@Test
		void ctrlCInAChatSessionLeavesItTalking() {
			try (ChatUser bob = ChatUser.join(this.listeners.port("chat-tcp"));
					TelnetTerminal alice = TelnetTerminal.connect(this.listeners.port("chat-tcp"))) {
				String nickname = joined(bob);
				alice.awaitLine("* Welcome to chat.");
				alice.interrupt();
				alice.type("/who");
				alice.awaitScreen("* In #lobby: ");
				alice.type("back after Ctrl-C");
				assertThat(said(bob)).isEqualTo("<" + nickname + "> back after Ctrl-C");
				bob.say("welcome back");
				alice.awaitLine("<" + bob.nickname() + "> welcome back");
			}
		}

		@Test
		void utf8TypedBeforeAnyNegotiationFreezesNobodyAndFromThenOnArrivesIntact() {
			try (ChatUser bob = ChatUser.join(this.listeners.port("chat-tcp"));
					TelnetTerminal alice = TelnetTerminal.connect(this.listeners.port("chat-tcp"))) {
				String nickname = joined(bob);
				alice.awaitLine("* Welcome to chat.");
				// Not yet in BINARY, the client takes the 0x9C of 本 for its quit key and
				// sends BRK and DO TIMING-MARK in its place: the server's first telnet.
				alice.type("日本語");
				assertThat(said(bob)).startsWith("<" + nickname + "> 日")
					.endsWith("語")
					.isNotEqualTo("<" + nickname + "> 日本語");
				bob.say("are you stuck?");
				alice.awaitLine("<" + bob.nickname() + "> are you stuck?");
				alice.type("日本語 — no, and now it is all there");
				assertThat(said(bob)).isEqualTo("<" + nickname + "> 日本語 — no, and now it is all there");
			}
		}

		@Test
		void aPlainClientOnTheSameListenersHearsNoTelnet() {
			try (LineClient echo = LineClient.connect(this.listeners.port("echo-tcp"))) {
				echo.send("plain");
				assertThat(echo.readBytes(12)).asString(StandardCharsets.UTF_8).isEqualTo("OK...plain\r\n");
			}
			// Beside a telnet user who has negotiated, and whose lines it hears.
			try (TelnetTerminal alice = TelnetTerminal.connect(this.listeners.port("chat-tcp"));
					ChatUser plain = ChatUser.join(this.listeners.port("chat-tcp"))) {
				alice.awaitScreen(" joined #lobby");
				alice.interrupt();
				alice.type("hello plain");
				assertThat(said(plain)).matches("<guest\\d+> hello plain");
				plain.say("/who");
				plain.client().readLineStartingWith("* In #lobby: ");
			}
		}

	}

	@Nested
	@SocketsTest
	@TestPropertySource(properties = { "sockets.echo.tcp.telnet=on", "sockets.echo.tcp.framing=crlf",
			"sockets.echo.reply-prefix=OK...", "sockets.chat.tcp.telnet=on" })
	class On {

		@Autowired
		Listeners listeners;

		@Test
		void everyClientHearsTheRequestForBinaryFirst() {
			try (LineClient echo = LineClient.connect(this.listeners.port("echo-tcp"))) {
				assertThat(echo.readBytes(3)).isEqualTo(DO_BINARY);
				echo.sendBytes("plain\r\n".getBytes(StandardCharsets.US_ASCII));
				assertThat(echo.readLine()).isEqualTo("OK...plain");
			}
			try (LineClient chat = LineClient.connect(this.listeners.port("chat-tcp"))) {
				assertThat(chat.readBytes(3)).isEqualTo(DO_BINARY);
				assertThat(chat.readLine()).isEqualTo("* Welcome to chat.");
			}
		}

		@Test
		void utf8FromTheFirstLineArrivesIntact() {
			try (LineClient bobClient = LineClient.connect(this.listeners.port("chat-tcp"))) {
				// A plain client hears the request for BINARY before the greeting.
				assertThat(bobClient.readBytes(3)).isEqualTo(DO_BINARY);
				ChatUser bob = ChatUser.greeted(bobClient);
				try (TelnetTerminal alice = TelnetTerminal.connect(this.listeners.port("chat-tcp"))) {
					String nickname = joined(bob);
					alice.awaitLine("* Welcome to chat.");
					alice.type("日本語");
					assertThat(said(bob)).isEqualTo("<" + nickname + "> 日本語");
				}
			}
		}

		@Test
		void aTelnetClientSendingBinaryEndsItsLinesWithLfAloneAndIsAnsweredWithCrlfFraming() {
			try (TelnetTerminal telnet = TelnetTerminal.connect(this.listeners.port("echo-tcp"))) {
				telnet.type("one");
				telnet.awaitLine("OK...one");
				telnet.interrupt();
				telnet.type("two");
				telnet.awaitLine("OK...two");
			}
		}

	}

	@Nested
	@SocketsTest
	@TestPropertySource(properties = "sockets.echo.tcp.telnet=off")
	class Off {

		@Autowired
		Listeners listeners;

		@Test
		void telnetCommandsAreDataAndNothingIsAnswered() {
			try (LineClient echo = LineClient.connect(this.listeners.port("echo-tcp"))) {
				echo.sendBytes(new byte[] { (byte) 255, (byte) 253, 6, 'x', '\n' });
				assertThat(echo.readLine()).isEqualTo("\uFFFD\uFFFD\u0006x");
			}
		}

	}

}
