package dev.sockets.flows;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import dev.sockets.listener.Listeners;
import dev.sockets.support.ChatUser;
import dev.sockets.support.IrcUser;
import dev.sockets.support.SocketsTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * History, topics and actions as IRC clients see them, beside line users in the same
 * rooms.
 */
@SocketsTest
@TestPropertySource(properties = "sockets.chat.history.lines=5")
class IrcRoomMemoryTest {

	private static final String STAMP = "\\[\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\\] ";

	@Autowired
	Listeners listeners;

	@Test
	void anIrcUserJoiningIsToldTheTopicAndTheHistoryAsServerNotices() {
		try (ChatUser line = ChatUser.join(this.listeners.port("chat-tcp"))) {
			line.joinRoom("ircmem");
			String nick = line.nickname();
			line.say("hello there").say("/me waves").say("/topic release on friday");
			assertThat(line.client().readLineStartingWith("* " + nick + " set the topic"))
				.contains("release on friday");
			try (IrcUser irc = IrcUser.connect("rita", this.listeners.port("chat-irc"))) {
				irc.client().addChannel("#ircmem");
				irc.awaitEvent("numeric 332 rita #ircmem release on friday");
				irc.awaitEventStartingWith("numeric 333 rita #ircmem " + nick + " ");
				irc.awaitLine(
						(raw) -> raw.endsWith("NOTICE #ircmem :History of #ircmem, the last 2 lines, times in UTC:"));
				assertThat(irc.awaitLine((raw) -> raw.contains("NOTICE #ircmem :[")))
					.matches(":sockets\\.local NOTICE #ircmem :" + STAMP + "<" + nick + "> hello there");
				assertThat(irc.awaitLine((raw) -> raw.contains("NOTICE #ircmem :[")))
					.matches(":sockets\\.local NOTICE #ircmem :" + STAMP + "\\* " + nick + " waves");
				irc.awaitLine((raw) -> raw.endsWith("NOTICE #ircmem :End of history"));
				irc.awaitEventStartingWith("numeric 366 rita #ircmem");
			}
		}
	}

	@Test
	void topicsAndActionsTravelBetweenDialects() {
		try (ChatUser line = ChatUser.join(this.listeners.port("chat-tcp"));
				IrcUser irc = IrcUser.connect("tess", this.listeners.port("chat-irc"))) {
			line.joinRoom("ircact");
			irc.join("#ircact");
			line.client().readLineStartingWith("* tess joined");
			// CTCP ACTION from the IRC client is the line user's /me.
			irc.raw("PRIVMSG #ircact :\u0001ACTION waves\u0001");
			assertThat(line.client().readLineStartingWith("* tess ")).isEqualTo("* tess waves");
			line.say("/me bows");
			assertThat(irc.awaitLine((raw) -> raw.contains(" PRIVMSG #ircact :"))).isEqualTo(":" + line.nickname() + "!"
					+ line.nickname() + "@sockets.local PRIVMSG #ircact :\u0001ACTION bows\u0001");
			// The line user made the room and operates it.
			irc.raw("TOPIC #ircact :from irc");
			irc.awaitEvent("numeric 482 tess #ircact You're not channel operator");
			line.say("/topic from the line");
			irc.awaitLine((raw) -> raw
				.equals(":" + line.nickname() + "!" + line.nickname() + "@sockets.local TOPIC #ircact :from the line"));
			irc.raw("TOPIC #ircact");
			irc.awaitEvent("numeric 332 tess #ircact from the line");
		}
	}

}
