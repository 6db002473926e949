package dev.sockets.flows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import dev.sockets.chat.ChatEvent;
import dev.sockets.chat.ChatService;
import dev.sockets.chat.Deliveries;
import dev.sockets.listener.Listeners;
import dev.sockets.support.ChatUser;
import dev.sockets.support.SocketsTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A member hears everything in the order the chat decided it, whichever thread decided
 * it: here lines said in the lobby by a user of another instance (decided on a thread of
 * their own, as the cluster's events are) while the member keeps leaving the lobby and
 * coming back (decided on the member's own I/O thread). A lobby line the chat decided
 * while the member was in the lobby must reach the member before the member's own "You
 * joined" for the next room, never after it.
 */
@SocketsTest
@TestPropertySource(
		properties = { "sockets.chat.flood.messages-per-second=100000", "sockets.chat.flood.message-burst=100000" })
class ChatOrderingTest {

	@Autowired
	Listeners listeners;

	@Autowired
	ChatService chat;

	@Autowired
	Deliveries chatOutput;

	@Test
	void linesDecidedOnAnotherThreadNeverOvertakeTheMembersOwnReplies() throws Exception {
		try (ChatUser member = ChatUser.join(this.listeners.port("chat-tcp"))) {
			AtomicBoolean talking = new AtomicBoolean(true);
			Thread elsewhere = Thread.ofPlatform().start(() -> {
				for (int i = 0; talking.get(); i++) {
					this.chat.apply("elsewhere", new ChatEvent.Said("#lobby", "bob", "line " + i), this.chatOutput);
					// About 10,000 lines a second: more than the member's joins, less
					// than it can read.
					LockSupport.parkNanos(100_000);
				}
			});
			List<String> misplaced = new ArrayList<>();
			int lobbyLines = 0;
			try {
				String room = "#lobby";
				for (int round = 0; round < 200; round++) {
					member.say((round % 2 == 0) ? "/join away" : "/join lobby");
					String expected = (round % 2 == 0) ? "#away" : "#lobby";
					// Read up to the member's own "You joined": what comes before it was
					// decided
					// before the join, and lobby lines may only come while the member is
					// in the lobby.
					while (true) {
						String line = member.read();
						if (line.equals("* You joined " + expected + ".")) {
							room = expected;
							break;
						}
						if (line.startsWith("<bob> ")) {
							lobbyLines++;
							if (!room.equals("#lobby")) {
								misplaced.add(line + " while in " + room);
							}
						}
					}
				}
			}
			finally {
				talking.set(false);
				elsewhere.join();
			}
			assertThat(lobbyLines).as("lobby lines heard").isPositive();
			assertThat(misplaced).as("lobby lines heard after leaving the lobby").isEmpty();
		}
	}

}
