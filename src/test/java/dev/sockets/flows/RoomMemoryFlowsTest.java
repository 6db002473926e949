package dev.sockets.flows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.context.TestPropertySource;

import dev.sockets.listener.Listeners;
import dev.sockets.support.Actuator;
import dev.sockets.support.ChatUser;
import dev.sockets.support.SocketsTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * History, topics, actions and away over real sockets, on one instance. Each test keeps
 * to a room of its own.
 */
class RoomMemoryFlowsTest {

	private static final String STAMP = "\\[\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\\] ";

	@Nested
	@SocketsTest
	@TestPropertySource(properties = { "sockets.chat.history.lines=3", "sockets.chat.history.max-age=3s" })
	class WithHistory {

		@Autowired
		Listeners listeners;

		@LocalManagementPort
		int managementPort;

		private ChatUser join() {
			return ChatUser.join(this.listeners.port("chat-tcp"));
		}

		@Test
		void aJoiningUserIsToldTheLastLinesMarkedAsHistoryButNoPrivateMessage() {
			try (ChatUser alice = join(); ChatUser bob = join()) {
				alice.joinRoom("hist");
				bob.joinRoom("hist");
				alice.say("one").say("two").say("/me waves").say("three");
				alice.say("/msg " + bob.nickname() + " not for the record");
				assertThat(bob.client().readLineStartingWith("*" + alice.nickname() + "*"))
					.isEqualTo("*" + alice.nickname() + "* not for the record");
				try (ChatUser carol = join()) {
					List<String> recalled = carol.joinRoom("hist");
					assertThat(recalled).hasSize(5);
					assertThat(recalled.get(0)).isEqualTo("* history of #hist, the last 3 lines, times in UTC:");
					assertThat(recalled.get(1)).matches(STAMP + "<" + alice.nickname() + "> two");
					assertThat(recalled.get(2)).matches(STAMP + "\\* " + alice.nickname() + " waves");
					assertThat(recalled.get(3)).matches(STAMP + "<" + alice.nickname() + "> three");
					assertThat(recalled.get(4)).isEqualTo("* end of history");
					// Live lines come after who is here, and are never stamped.
					alice.say("live");
					assertThat(carol.read()).isEqualTo("<" + alice.nickname() + "> live");
				}
			}
			Actuator actuator = new Actuator(this.managementPort);
			assertThat(actuator.scrape().value("sockets_chat_history_replayed_total")).isGreaterThanOrEqualTo(3);
			assertThat(actuator.scrape().value("sockets_chat_history_lines")).isPositive();
		}

		@Test
		void linesOlderThanTheMaximumAgeAreNotReplayed() {
			try (ChatUser alice = join()) {
				alice.joinRoom("stale");
				// Her answer to /who comes after her line has been taken.
				assertThat(alice.say("soon stale").who()).isEqualTo("* In #stale: " + alice.nickname());
				try (ChatUser bob = join()) {
					assertThat(bob.joinRoom("stale")).hasSize(3).element(1).asString().endsWith("> soon stale");
				}
				Awaitility.await("the line past its maximum age").atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
					try (ChatUser late = join()) {
						assertThat(late.joinRoom("stale")).isEmpty();
					}
				});
			}
		}

		@Test
		void aTopicIsShownOnJoinAndToWhoAsks() {
			try (ChatUser alice = join(); ChatUser bob = join()) {
				alice.joinRoom("topical");
				bob.joinRoom("topical");
				assertThat(bob.say("/topic").read()).isEqualTo("* No topic is set for #topical.");
				alice.say("/topic plans for today");
				String set = "* " + alice.nickname() + " set the topic of #topical: plans for today";
				assertThat(alice.client().readLineStartingWith("* " + alice.nickname() + " set")).isEqualTo(set);
				assertThat(bob.client().readLineStartingWith("* " + alice.nickname() + " set")).isEqualTo(set);
				try (ChatUser carol = join()) {
					String shown = "\\* Topic for #topical: plans for today \\(set by " + alice.nickname()
							+ " at \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\\)";
					assertThat(carol.joinRoom("topical")).hasSize(1).element(0).asString().matches(shown);
					assertThat(carol.say("/topic").read()).matches(shown);
					assertThat(carol.say("/topic " + "x".repeat(301)).read())
						.isEqualTo("ERR topic too long (max 300 characters)");
				}
			}
		}

		@Test
		void actionsAndAway() {
			try (ChatUser alice = join(); ChatUser bob = join()) {
				alice.joinRoom("afk");
				bob.joinRoom("afk");
				alice.say("/me waves");
				assertThat(bob.client().readLineStartingWith("* " + alice.nickname() + " w"))
					.isEqualTo("* " + alice.nickname() + " waves");
				assertThat(bob.say("/away at lunch").read()).isEqualTo("* You are away.");
				assertThat(alice.say("/who").client().readLineStartingWith("* In #afk"))
					.contains(bob.nickname() + " (away: at lunch)");
				alice.say("/msg " + bob.nickname() + " there?");
				assertThat(alice.read()).isEqualTo("-> *" + bob.nickname() + "* there?");
				assertThat(alice.read()).isEqualTo("* " + bob.nickname() + " is away: at lunch");
				assertThat(bob.read()).isEqualTo("*" + alice.nickname() + "* there?");
				assertThat(bob.say("/away").read()).isEqualTo("* You are back.");
				assertThat(alice.who()).doesNotContain("away");
			}
		}

		@Test
		void helpListsTheCommands() {
			try (ChatUser alice = join()) {
				alice.say("/help");
				List<String> help = new ArrayList<>();
				for (String line = alice.read(); !line.startsWith("* Any other line"); line = alice.read()) {
					help.add(line);
				}
				assertThat(String.join("\n", help)).contains("/me TEXT", "/topic [TEXT]", "/away [REASON]");
			}
		}

	}

	@Nested
	@SocketsTest
	class WithoutHistory {

		@Autowired
		Listeners listeners;

		@Test
		void withNoLinesToKeepAJoiningUserHearsNoHistory() {
			try (ChatUser alice = ChatUser.join(this.listeners.port("chat-tcp"));
					ChatUser bob = ChatUser.join(this.listeners.port("chat-tcp"))) {
				alice.joinRoom("forgetful");
				alice.say("said and gone");
				assertThat(bob.joinRoom("forgetful")).isEmpty();
				assertThat(alice.read()).isEqualTo("* " + bob.nickname() + " joined #forgetful");
			}
		}

	}

}
