package dev.sockets.chat.irc;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.sockets.chat.ChatOutput;
import dev.sockets.chat.ChatProperties;
import dev.sockets.chat.ChatService;
import dev.sockets.chat.Delivery;

import static org.assertj.core.api.Assertions.assertThat;

class IrcDialectTest {

	@Test
	void whatIsSaidInARoomIsWrittenAlikeForEveryClientOfTheSameServer() {
		IrcDialect tess = registered("tess");
		IrcDialect nick = registered("nick");
		ChatOutput said = new ChatOutput.RoomMessage("#lobby", "ann", "hello", false);
		ChatOutput acted = new ChatOutput.RoomAction("#lobby", "ann", "waves");
		for (ChatOutput output : List.of(said, acted)) {
			assertThat(tess.writesAlike(output)).isNotNull().isSameAs(nick.writesAlike(output));
			assertThat(tess.write(output)).isEqualTo(nick.write(output));
		}
		IrcServer other = new IrcServer("other.local", "sockets", "sockets-test", Instant.EPOCH, "Hi.", null, 16, 25);
		assertThat(new IrcDialect(other).writesAlike(said)).isNotSameAs(tess.writesAlike(said));
	}

	@Test
	void whatNamesTheClientItselfIsItsOwn() {
		IrcDialect tess = registered("tess");
		ChatOutput told = new ChatOutput.PrivateMessage("ann", "tess", "psst", false);
		assertThat(tess.writesAlike(told)).isNull();
		assertThat(tess.write(told)).singleElement().asString().contains("PRIVMSG tess :psst");
	}

	@Test
	void aRoomOfIrcClientsSharesTheLinesOfALineSaidInIt() {
		ChatService chat = new ChatService(new ChatProperties("Welcome to chat.", "lobby", "guest", 16, 24, 0,
				ChatProperties.Flood.unlimited(), ChatProperties.Cluster.NONE, "sockets.local", "sockets"));
		for (String session : List.of("a", "b", "c")) {
			chat.connect(session, new IrcDialect(IrcMessageTest.SERVER));
			chat.receive(session, "NICK user" + session);
			chat.receive(session, "USER u 0 * :User");
			chat.receive(session, "JOIN #room");
		}
		List<Delivery> out = chat.receive("a", "PRIVMSG #room :hello");
		assertThat(out).extracting(Delivery::sessionId).containsExactlyInAnyOrder("b", "c");
		assertThat(out.get(0).text()).endsWith("PRIVMSG #room :hello").isSameAs(out.get(1).text());
	}

	private static IrcDialect registered(String nickname) {
		IrcDialect dialect = new IrcDialect(IrcMessageTest.SERVER);
		dialect.write(new ChatOutput.Welcome(nickname, "#lobby", "Hi."));
		return dialect;
	}

}
