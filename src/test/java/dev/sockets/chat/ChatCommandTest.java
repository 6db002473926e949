package dev.sockets.chat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import dev.sockets.chat.ChatCommand.Help;
import dev.sockets.chat.ChatCommand.Invalid;
import dev.sockets.chat.ChatCommand.Join;
import dev.sockets.chat.ChatCommand.Message;
import dev.sockets.chat.ChatCommand.Nick;
import dev.sockets.chat.ChatCommand.Quit;
import dev.sockets.chat.ChatCommand.Rooms;
import dev.sockets.chat.ChatCommand.Say;
import dev.sockets.chat.ChatCommand.Who;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

class ChatCommandTest {

	/**
	 * Any line, whatever its characters, is understood as something: never an exception,
	 * and an invalid command always says what was wrong.
	 */
	@Test
	void anyLineParsesWithoutThrowing() {
		qt().withExamples(2000)
			.forAll(strings().allPossible().ofLengthBetween(0, 80))
			.checkAssert(ChatCommandTest::parsesToSomething);
	}

	@Test
	void anyCommandLikeLineParsesWithoutThrowing() {
		Gen<String> names = Generate
			.pick(List.of("nick", "join", "rooms", "who", "msg", "quit", "help", "NICK", "x", ""));
		Gen<String> rest = Generate.pick(List.of(" ", "\t", "/", "#", "\u0000", "\u001b", "a", "b", "\u202e"))
			.zip(Generate.range(0, 20), String::repeat)
			.zip(Generate.pick(List.of("", " alice", " #dev", " x y z", "\u0085")), String::concat);
		qt().withExamples(1000).forAll(names, rest).checkAssert((name, args) -> parsesToSomething("/" + name + args));
	}

	private static void parsesToSomething(String line) {
		ChatCommand command = ChatCommand.parse(line);
		assertThat(command).isNotNull();
		if (command instanceof Invalid invalid) {
			assertThat(invalid.error()).isNotBlank();
		}
	}

	@Test
	void aPlainLineIsSaid() {
		assertThat(ChatCommand.parse("hello /nick x")).isEqualTo(new Say("hello /nick x"));
	}

	@Test
	void aDoubleSlashSaysALineStartingWithASlash() {
		assertThat(ChatCommand.parse("//shrug")).isEqualTo(new Say("/shrug"));
	}

	@Test
	void commandsIgnoreCaseAndSurroundingSpace() {
		assertThat(ChatCommand.parse("/NICK   alice  ")).isEqualTo(new Nick("alice"));
		assertThat(ChatCommand.parse("/join #dev")).isEqualTo(new Join(List.of("#dev")));
		assertThat(ChatCommand.parse("/rooms")).isEqualTo(new Rooms());
		assertThat(ChatCommand.parse("/who")).isEqualTo(new Who(null));
		assertThat(ChatCommand.parse("/help")).isEqualTo(new Help());
	}

	@Test
	void privateMessagesKeepTheirText() {
		assertThat(ChatCommand.parse("/msg bob  hi  there ")).isEqualTo(new Message("bob", "hi  there", false));
	}

	@Test
	void quitMayGiveAReason() {
		assertThat(ChatCommand.parse("/quit")).isEqualTo(new Quit(""));
		assertThat(ChatCommand.parse("/quit gone fishing")).isEqualTo(new Quit("gone fishing"));
	}

	@Test
	void missingArgumentsExplainTheUsage() {
		assertThat(ChatCommand.parse("/nick")).isEqualTo(new Invalid("usage: /nick NAME"));
		assertThat(ChatCommand.parse("/nick two words")).isEqualTo(new Invalid("usage: /nick NAME"));
		assertThat(ChatCommand.parse("/join")).isEqualTo(new Invalid("usage: /join ROOM"));
		assertThat(ChatCommand.parse("/msg")).isEqualTo(new Invalid("usage: /msg NICK text"));
		assertThat(ChatCommand.parse("/msg bob")).isEqualTo(new Invalid("usage: /msg NICK text"));
	}

	@Test
	void unknownCommandsAreNamed() {
		assertThat(ChatCommand.parse("/dance now"))
			.isEqualTo(new Invalid("unknown command /dance; type /help for the list"));
		assertThat(ChatCommand.parse("/")).isEqualTo(new Invalid("unknown command /; type /help for the list"));
	}

}
