package dev.sockets.chat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import dev.sockets.chat.ChatCommand.Help;
import dev.sockets.chat.ChatCommand.Invalid;
import dev.sockets.chat.ChatCommand.Join;
import dev.sockets.chat.ChatCommand.Nick;
import dev.sockets.chat.ChatCommand.PrivateMessage;
import dev.sockets.chat.ChatCommand.Quit;
import dev.sockets.chat.ChatCommand.Rooms;
import dev.sockets.chat.ChatCommand.Say;
import dev.sockets.chat.ChatCommand.Who;

import static org.assertj.core.api.Assertions.assertThat;

class ChatCommandTest {

	/**
	 * Any line, whatever its characters, is understood as something: never an exception, and an
	 * invalid command always says what was wrong.
	 */
	@Property(tries = 2000)
	void anyLineParsesWithoutThrowing(@ForAll String line) {
		ChatCommand command = ChatCommand.parse(line);
		assertThat(command).isNotNull();
		if (command instanceof Invalid invalid) {
			assertThat(invalid.error()).isNotBlank();
		}
	}

	@Property(tries = 1000)
	void anyCommandLikeLineParsesWithoutThrowing(@ForAll("commandish") String line) {
		assertThat(ChatCommand.parse(line)).isNotNull();
	}

	@Provide
	Arbitrary<String> commandish() {
		Arbitrary<String> names = Arbitraries.of("nick", "join", "rooms", "who", "msg", "quit", "help", "NICK", "x", "");
		Arbitrary<String> args = Arbitraries.strings().withChars(" \t/#\u0000\u001bab\u202e").ofMaxLength(20);
		return Combinators.combine(names, args).as((name, rest) -> "/" + name + rest);
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
		assertThat(ChatCommand.parse("/join #dev")).isEqualTo(new Join("#dev"));
		assertThat(ChatCommand.parse("/rooms")).isEqualTo(new Rooms());
		assertThat(ChatCommand.parse("/who")).isEqualTo(new Who());
		assertThat(ChatCommand.parse("/help")).isEqualTo(new Help());
	}

	@Test
	void privateMessagesKeepTheirText() {
		assertThat(ChatCommand.parse("/msg bob  hi  there ")).isEqualTo(new PrivateMessage("bob", "hi  there"));
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
		assertThat(ChatCommand.parse("/dance now")).isEqualTo(new Invalid("unknown command /dance; type /help for the list"));
		assertThat(ChatCommand.parse("/")).isEqualTo(new Invalid("unknown command /; type /help for the list"));
	}

}
