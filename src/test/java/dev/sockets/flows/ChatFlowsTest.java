package dev.sockets.flows;

import java.nio.charset.StandardCharsets;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import dev.sockets.chat.ChatService;
import dev.sockets.listener.Listeners;
import dev.sockets.support.ChatUser;
import dev.sockets.support.SocketsTest;

import static org.assertj.core.api.Assertions.assertThat;

class ChatFlowsTest {

	@Nested
	@SocketsTest
	class ThreeUsers {

		@Autowired
		Listeners listeners;

		@Autowired
		ChatService chat;

		private ChatUser join() {
			return ChatUser.join(this.listeners.port("chat-tcp"));
		}

		/**
		 * The users of a test leave when it ends, but the server hears of it a moment
		 * later: the next test's users, in the same room, would hear them go.
		 */
		@AfterEach
		void everyoneHasLeft() {
			Awaitility.await("no chat users left").until(() -> this.chat.users() == 0);
		}

		@Test
		void joinsMessagesAndDeparturesReachEveryoneElse() {
			try (ChatUser a = join(); ChatUser b = join()) {
				assertThat(a.read()).isEqualTo("* " + b.nickname() + " joined #lobby");
				ChatUser c = join();
				assertThat(a.read()).isEqualTo("* " + c.nickname() + " joined #lobby");
				assertThat(b.read()).isEqualTo("* " + c.nickname() + " joined #lobby");

				a.say("hello everyone");
				assertThat(b.read()).isEqualTo("<" + a.nickname() + "> hello everyone");
				assertThat(c.read()).isEqualTo("<" + a.nickname() + "> hello everyone");
				// Not back to the sender: the next thing it hears is the answer to /who.
				assertThat(a.who()).startsWith("* In #lobby: ");

				c.client().close();
				assertThat(a.read()).isEqualTo("* " + c.nickname() + " is offline (connection closed)");
				assertThat(b.read()).isEqualTo("* " + c.nickname() + " is offline (connection closed)");
			}
		}

		@Test
		void aResetConnectionIsAnnouncedAsLost() {
			try (ChatUser a = join(); ChatUser b = join()) {
				a.read();
				b.client().reset();
				assertThat(a.read()).isEqualTo("* " + b.nickname() + " is offline (connection lost)");
			}
		}

		@Test
		void nicknamesRoomsAndPrivateMessages() {
			try (ChatUser a = join(); ChatUser b = join(); ChatUser c = join()) {
				// Notices of an earlier test's users leaving may come first.
				a.client().readLineStartingWith("* " + c.nickname() + " joined");
				b.client().readLineStartingWith("* " + c.nickname() + " joined");
				String alice = "alice" + System.nanoTime() % 100_000;
				a.say("/nick " + alice);
				assertThat(a.read()).isEqualTo("* " + a.nickname() + " is now known as " + alice);
				assertThat(b.read()).isEqualTo("* " + a.nickname() + " is now known as " + alice);
				assertThat(c.read()).isEqualTo("* " + a.nickname() + " is now known as " + alice);

				b.say("/nick " + alice.toUpperCase());
				assertThat(b.read()).isEqualTo("ERR nickname " + alice.toUpperCase() + " is taken");
				b.say("/nick 42");
				assertThat(b.read()).startsWith("ERR nickname must be");

				b.say("/msg " + alice + " just between us");
				assertThat(a.read()).isEqualTo("*" + b.nickname() + "* just between us");
				assertThat(b.read()).isEqualTo("-> *" + alice + "* just between us");
				assertThat(c.who()).startsWith("* In #lobby: ");

				c.say("/join Backroom");
				assertThat(c.read()).isEqualTo("* You joined #backroom.");
				assertThat(c.read()).isEqualTo("* Nobody else is here yet.");
				assertThat(a.read()).isEqualTo("* " + c.nickname() + " left #lobby for #backroom");
				assertThat(b.read()).isEqualTo("* " + c.nickname() + " left #lobby for #backroom");
				assertThat(c.say("/rooms").read()).contains("#backroom (1)").contains("#lobby (");
				assertThat(c.who()).isEqualTo("* In #backroom: " + c.nickname());

				a.say("lobby only");
				assertThat(b.read()).isEqualTo("<" + alice + "> lobby only");
				assertThat(c.who()).isEqualTo("* In #backroom: " + c.nickname());
			}
		}

		@Test
		void quitSaysByeClosesAndTellsTheRoom() {
			try (ChatUser a = join(); ChatUser b = join()) {
				a.read();
				b.say("/quit see you");
				assertThat(b.read()).isEqualTo("* Bye.");
				b.client().assertClosedByServer();
				assertThat(a.read()).isEqualTo("* " + b.nickname() + " left #lobby (quit: see you)");
			}
		}

		@Test
		void errorsNameWhatWasWrong() {
			try (ChatUser a = join()) {
				assertThat(a.say("/fly").read()).isEqualTo("ERR unknown command /fly; type /help for the list");
				assertThat(a.say("/msg").read()).isEqualTo("ERR usage: /msg NICK text");
				assertThat(a.say("/msg nobody-here hi").read()).isEqualTo("ERR no such nickname: nobody-here");
				assertThat(a.say("/join bad!room").read()).startsWith("ERR room name must be");
			}
		}

		@Test
		void controlCharactersAreNeverRelayedRaw() {
			try (ChatUser a = join(); ChatUser b = join()) {
				a.read();
				a.client().sendBytes("bell\u0007 and \u001b[31mred\n".getBytes(StandardCharsets.UTF_8));
				assertThat(b.read()).isEqualTo("<" + a.nickname() + "> bell\\007 and \\033[31mred");
			}
		}

	}

}
