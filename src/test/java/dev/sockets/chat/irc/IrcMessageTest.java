package dev.sockets.chat.irc;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import dev.sockets.chat.ChatProperties;
import dev.sockets.chat.ChatService;
import dev.sockets.chat.Delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

/**
 * IRC messages are read whatever a client sends, written so that they read back the same,
 * and nothing a client sends makes the chat write an IRC line that is not one: with a CR,
 * LF or NUL inside, or over 512 bytes with its CRLF.
 */
class IrcMessageTest {

	static final IrcServer SERVER = new IrcServer("sockets.local", "sockets", "sockets-test", Instant.EPOCH,
			"Welcome to chat.", null, 16, 25);

	/** Commands a client may start a line with, so that most lines reach a command. */
	private static final Gen<String> COMMANDS = Generate.pick(List.of("", "PRIVMSG #lobby :", "PRIVMSG ", "NOTICE ",
			"JOIN ", "PART ", "NICK ", "WHOIS ", "WHO ", "NAMES ", "LIST", "TOPIC ", "MODE ", "CAP ", "AWAY :", "ISON ",
			"USERHOST ", "PING ", "QUIT :", "USER ", "PASS ", "@tag=x :prefix PRIVMSG #lobby :", ": ", "@"));

	@Test
	void anyLineReadsAsSomeMessageWithAnUpperCaseCommand() {
		qt().withExamples(3000).forAll(strings().allPossible().ofLengthBetween(0, 600)).checkAssert((line) -> {
			IrcMessage message = IrcMessage.parse(line);
			assertThat(message.command()).isEqualTo(message.command().toUpperCase(java.util.Locale.ROOT))
				.doesNotContain(" ");
			assertThat(message.params()).doesNotContainNull();
		});
	}

	@Test
	void aWrittenMessageReadsBackAsItWas() {
		Gen<String> command = strings().betweenCodePoints('A', 'Z').ofLengthBetween(1, 10);
		// A middle parameter has no space and does not start with a colon, and a
		// trailing one anything but CR, LF and NUL: what IRC can carry.
		Gen<String> middle = strings().betweenCodePoints('!', 0x2FFF)
			.ofLengthBetween(1, 12)
			.map((param) -> param.startsWith(":") ? "x" + param : param);
		Gen<String> trailing = strings().allPossible().ofLengthBetween(0, 40).map(IrcMessageTest::carriable);
		qt().withExamples(2000)
			.forAll(command, lists().of(middle).ofSizeBetween(0, 6), trailing)
			.checkAssert((name, middles, last) -> {
				List<String> params = new ArrayList<>(middles);
				params.add(last);
				String line = IrcRenderer.line(name, params.toArray(String[]::new));
				assertThat(IrcMessage.parse(line)).isEqualTo(new IrcMessage(name, params));
			});
	}

	@Test
	void nothingAClientSendsThrowsOrMakesALineThatIsNotOne() {
		Gen<String> lines = COMMANDS.zip(strings().allPossible().ofLengthBetween(0, 510), String::concat);
		qt().withExamples(300)
			.forAll(lists().of(integers().between(0, 2)).ofSizeBetween(1, 20), lists().of(lines).ofSizeBetween(1, 20))
			.checkAssert(IrcMessageTest::servedAsIrc);
	}

	private static void servedAsIrc(List<Integer> who, List<String> lines) {
		ChatService chat = new ChatService(new ChatProperties("Welcome to chat.", "lobby", "guest", 16, 24, 0,
				ChatProperties.Flood.unlimited(), ChatProperties.Cluster.NONE, "sockets.local", "sockets"));
		List<Delivery> out = new ArrayList<>();
		for (int session = 0; session < 2; session++) {
			out.addAll(chat.connect("irc" + session, new IrcDialect(SERVER)));
			out.addAll(chat.receive("irc" + session, "NICK user" + session));
			out.addAll(chat.receive("irc" + session, "USER u 0 * :User " + session));
			out.addAll(chat.receive("irc" + session, "JOIN #lobby"));
		}
		out.addAll(chat.connect("line"));
		for (int i = 0; i < Math.min(who.size(), lines.size()); i++) {
			String session = (who.get(i) < 2) ? "irc" + who.get(i) : "line";
			out.addAll(chat.receive(session, lines.get(i)));
		}
		for (Delivery delivery : out) {
			assertThat(delivery.text()).doesNotContain("\r", "\n", "\0");
			if (delivery.sessionId().startsWith("irc")) {
				assertThat(delivery.text().getBytes(StandardCharsets.UTF_8).length).as(delivery.text())
					.isLessThanOrEqualTo(IrcRenderer.MAX_LINE);
			}
		}
	}

	private static String carriable(String text) {
		return text.replace('\r', '?').replace('\n', '?').replace('\0', '?');
	}

}
