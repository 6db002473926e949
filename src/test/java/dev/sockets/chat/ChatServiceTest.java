package dev.sockets.chat;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

class ChatServiceTest {

	private ChatService chat;

	@BeforeEach
	void setUp() {
		this.chat = new ChatService(properties("Welcome to chat.", ChatProperties.Flood.unlimited()));
	}

	static ChatProperties properties(String greeting, ChatProperties.Flood flood) {
		return new ChatProperties(greeting, "lobby", "guest", 16, 24, 0, flood, ChatProperties.Cluster.NONE,
				"sockets.local", "sockets");
	}

	static List<String> to(List<Delivery> deliveries, String session) {
		return deliveries.stream().filter((d) -> d.sessionId().equals(session)).map(Delivery::text).toList();
	}

	@Test
	void aNewSessionIsGreetedNamedAndToldWhoIsThere() {
		List<Delivery> first = this.chat.connect("a");
		assertThat(to(first, "a")).containsExactly("* Welcome to chat.",
				"* You are guest1 in #lobby. Type /help for commands.", "* Nobody else is here yet.");
		List<Delivery> second = this.chat.connect("b");
		assertThat(to(second, "b")).contains("* You are guest2 in #lobby. Type /help for commands.",
				"* Also here: guest1");
		assertThat(to(second, "a")).containsExactly("* guest2 joined #lobby");
	}

	@Test
	void aRoomOverItsAnnouncedSizeTellsNoComingsAndGoingsButStillCarriesLines() {
		ChatService chat = new ChatService(new ChatProperties("", "lobby", "guest", 16, 24, 2,
				ChatProperties.Flood.unlimited(), ChatProperties.Cluster.NONE, "sockets.local", "sockets"));
		chat.connect("a");
		chat.connect("b");
		// Told to the two already there: not more than two.
		assertThat(to(chat.connect("c"), "a")).containsExactly("* guest3 joined #lobby");
		assertThat(to(chat.connect("d"), "a")).isEmpty();
		assertThat(to(chat.receive("d", "/nick dora"), "a")).isEmpty();
		assertThat(chat.receive("a", "hello")).extracting(Delivery::sessionId).containsExactlyInAnyOrder("b", "c", "d");
	}

	@Test
	void aLineGoesToEveryoneElseInTheRoomButNotBack() {
		this.chat.connect("a");
		this.chat.connect("b");
		this.chat.connect("c");
		List<Delivery> out = this.chat.receive("a", "hello");
		assertThat(out).extracting(Delivery::sessionId).containsExactlyInAnyOrder("b", "c");
		assertThat(out).extracting(Delivery::text).containsOnly("<guest1> hello");
	}

	@Test
	void aLineToARoomOfLineUsersIsWrittenOnceForAllOfThem() {
		// One text for every member: the transport encodes a shared line once.
		for (String session : List.of("a", "b", "c", "d")) {
			this.chat.connect(session);
		}
		List<Delivery> out = this.chat.receive("a", "hello");
		assertThat(out).hasSize(3);
		assertThat(out).extracting(Delivery::text).allSatisfy((text) -> assertThat(text).isSameAs(out.get(0).text()));
	}

	@Test
	void messagesSaidToARoomAreCounted() {
		this.chat.connect("a");
		this.chat.receive("a", "alone, but said");
		this.chat.receive("a", "  ");
		this.chat.receive("a", "/who");
		assertThat(this.chat.messagesBroadcast()).isEqualTo(1);
	}

	@Test
	void blankLinesAreIgnored() {
		this.chat.connect("a");
		this.chat.connect("b");
		assertThat(this.chat.receive("a", "   ")).isEmpty();
	}

	@Test
	void controlCharactersInMessagesAreEscaped() {
		this.chat.connect("a");
		this.chat.connect("b");
		assertThat(to(this.chat.receive("a", "hi\u001b[2J"), "b")).containsExactly("<guest1> hi\\033[2J");
	}

	@Test
	void nicknamesAreUniqueWithoutRegardToCase() {
		this.chat.connect("a");
		this.chat.connect("b");
		assertThat(to(this.chat.receive("a", "/nick Alice"), "b")).containsExactly("* guest1 is now known as Alice");
		assertThat(to(this.chat.receive("b", "/nick alice"), "b")).containsExactly("ERR nickname alice is taken");
		assertThat(to(this.chat.receive("a", "/nick alice"), "a")).containsExactly("* Alice is now known as alice");
	}

	@Test
	void invalidNicknamesAreExplained() {
		this.chat.connect("a");
		assertThat(to(this.chat.receive("a", "/nick 9lives"), "a"))
			.containsExactly("ERR nickname must be 1-16 letters, digits, '-' or '_', starting with a letter");
	}

	@Test
	void aFreedNicknameCanBeTaken() {
		this.chat.connect("a");
		this.chat.connect("b");
		this.chat.receive("a", "/nick alice");
		this.chat.disconnect("a", "connection lost");
		assertThat(to(this.chat.receive("b", "/nick alice"), "b")).containsExactly("* guest2 is now known as alice");
	}

	@Test
	void joiningMovesASessionBetweenRooms() {
		this.chat.connect("a");
		this.chat.connect("b");
		List<Delivery> out = this.chat.receive("a", "/join Dev");
		assertThat(to(out, "a")).containsExactly("* You joined #dev.", "* Nobody else is here yet.");
		assertThat(to(out, "b")).containsExactly("* guest1 left #lobby for #dev");
		assertThat(this.chat.receive("b", "only lobby hears this")).isEmpty();
		assertThat(this.chat.presence("a")).contains(new ChatService.Presence("guest1", "#dev"));
		assertThat(to(this.chat.receive("b", "/join #dev"), "a")).containsExactly("* guest2 joined #dev");
		assertThat(to(this.chat.receive("a", "/join dev"), "a")).containsExactly("ERR you are already in #dev");
	}

	@Test
	void invalidRoomsAreExplained() {
		this.chat.connect("a");
		assertThat(to(this.chat.receive("a", "/join no!"), "a"))
			.containsExactly("ERR room name must be 1-24 letters, digits, '-' or '_'");
	}

	@Test
	void roomsAndWhoListWhatExists() {
		this.chat.connect("a");
		this.chat.connect("b");
		this.chat.connect("c");
		this.chat.receive("c", "/join dev");
		assertThat(to(this.chat.receive("a", "/rooms"), "a")).containsExactly("* Rooms: #dev (1), #lobby (2)");
		assertThat(to(this.chat.receive("a", "/who"), "a")).containsExactly("* In #lobby: guest1, guest2");
		assertThat(this.chat.rooms()).isEqualTo(2);
		assertThat(this.chat.users()).isEqualTo(3);
	}

	@Test
	void anEmptyRoomDisappears() {
		this.chat.connect("a");
		this.chat.receive("a", "/join dev");
		this.chat.receive("a", "/join lobby");
		assertThat(to(this.chat.receive("a", "/rooms"), "a")).containsExactly("* Rooms: #lobby (1)");
	}

	@Test
	void privateMessagesReachOnlyTheirTarget() {
		this.chat.connect("a");
		this.chat.connect("b");
		this.chat.connect("c");
		this.chat.receive("b", "/nick bob");
		List<Delivery> out = this.chat.receive("a", "/msg BOB psst");
		assertThat(out).extracting(Delivery::sessionId).containsExactly("b", "a");
		assertThat(to(out, "b")).containsExactly("*guest1* psst");
		assertThat(to(out, "a")).containsExactly("-> *bob* psst");
		assertThat(to(this.chat.receive("a", "/msg nobody hi"), "a")).containsExactly("ERR no such nickname: nobody");
	}

	@Test
	void quitSaysByeClosesAndTellsTheRoom() {
		this.chat.connect("a");
		this.chat.connect("b");
		List<Delivery> out = this.chat.receive("a", "/quit gone fishing");
		assertThat(out).contains(new Delivery("a", "* Bye.", true));
		assertThat(to(out, "b")).containsExactly("* guest1 left #lobby (quit: gone fishing)");
		assertThat(this.chat.disconnect("a", "connection closed")).isEmpty();
		assertThat(this.chat.users()).isEqualTo(1);
	}

	@Test
	void aDroppedSessionIsAnnouncedOfflineWithTheReason() {
		this.chat.connect("a");
		this.chat.connect("b");
		assertThat(to(this.chat.disconnect("a", "idle timeout"), "b"))
			.containsExactly("* guest1 is offline (idle timeout)");
		assertThat(this.chat.presence("a")).isEmpty();
	}

	@Test
	void drainedSessionsAreToldToReconnectAndTheOthersHearThemLeave() {
		this.chat.connect("a");
		this.chat.connect("b");
		this.chat.connect("c");
		this.chat.receive("c", "/join elsewhere");
		this.chat.connect("d");
		List<Delivery> out = this.chat.drain(List.of("a", "b", "c", "ghost"));
		// Each drained session hears only that it must reconnect, not of the others.
		for (String drained : List.of("a", "b", "c")) {
			assertThat(to(out, drained)).containsExactly("* this server is draining: reconnect to go on");
		}
		assertThat(out).extracting(Delivery::closeAfter).containsOnly(false);
		assertThat(to(out, "d")).containsExactly("* guest1 is offline (server draining)",
				"* guest2 is offline (server draining)");
		assertThat(this.chat.users()).isEqualTo(1);
		assertThat(this.chat.rooms()).isEqualTo(1);
		// Gone: their closing announces nothing more, and their nicknames are free.
		assertThat(this.chat.disconnect("a", "server draining")).isEmpty();
		assertThat(to(this.chat.receive("d", "/nick guest1"), "d")).containsExactly("* guest4 is now known as guest1");
	}

	@Test
	void unknownSessionsAreIgnored() {
		assertThat(this.chat.receive("ghost", "hello")).isEmpty();
		assertThat(this.chat.disconnect("ghost", "connection closed")).isEmpty();
	}

	@Test
	void errorsGoOnlyToTheirSession() {
		this.chat.connect("a");
		this.chat.connect("b");
		assertThat(this.chat.receive("a", "/bogus"))
			.containsExactly(new Delivery("a", "ERR unknown command /bogus; type /help for the list", false));
	}

	@Test
	void helpListsEveryCommand() {
		this.chat.connect("a");
		assertThat(String.join("\n", to(this.chat.receive("a", "/help"), "a"))).contains("/nick", "/join", "/rooms",
				"/who", "/msg", "/quit", "/help");
	}

	@Test
	void guestNamesSkipNicknamesAlreadyTaken() {
		this.chat.connect("a");
		this.chat.receive("a", "/nick guest2");
		assertThat(to(this.chat.connect("b"), "b")).contains("* You are guest3 in #lobby. Type /help for commands.");
	}

	/**
	 * Whatever users type, the chat answers without throwing, and never relays a control
	 * character.
	 */
	@Test
	void anyLinesFromAnyUsersAreHandled() {
		qt().withExamples(300)
			.forAll(lists().of(integers().between(0, 2)).ofSizeBetween(0, 30),
					lists().of(strings().allPossible().ofLengthBetween(0, 40)).ofSizeBetween(0, 30))
			.checkAssert(ChatServiceTest::handledWithoutRelayingControlCharacters);
	}

	private static void handledWithoutRelayingControlCharacters(List<Integer> who, List<String> lines) {
		ChatService chat = new ChatService(properties("hi", ChatProperties.Flood.unlimited()));
		for (int session = 0; session < 3; session++) {
			chat.connect("s" + session);
		}
		for (int i = 0; i < Math.min(who.size(), lines.size()); i++) {
			for (Delivery delivery : chat.receive("s" + who.get(i), lines.get(i))) {
				assertThat(delivery.text()).doesNotContainPattern("[\\p{Cc}&&[^\\t]]");
			}
		}
	}

	@Test
	void longRoomListsAreCut() {
		for (int i = 0; i < 60; i++) {
			this.chat.connect("s" + i);
		}
		assertThat(to(this.chat.receive("s0", "/who"), "s0").get(0)).endsWith(" and 10 more");
	}

	@Nested
	class FloodControl {

		private final long[] now = { 0 };

		private final ChatService chat = new ChatService(
				properties("", new ChatProperties.Flood(2, 4, DataSize.ofBytes(100), DataSize.ofBytes(200), 6)),
				ChatCluster.NONE, () -> this.now[0]);

		@BeforeEach
		void twoUsers() {
			this.chat.connect("a");
			this.chat.connect("b");
		}

		@Test
		void aBurstPassesThenTheFirstLineOverIsAnsweredSlowDownAndTheRestDropped() {
			for (int i = 0; i < 4; i++) {
				assertThat(to(this.chat.receive("a", "line " + i), "b")).containsExactly("<guest1> line " + i);
			}
			assertThat(this.chat.receive("a", "one too many"))
				.containsExactly(new Delivery("a", "ERR slow down", false));
			assertThat(this.chat.receive("a", "and another")).isEmpty();
			assertThat(this.chat.floodDropped()).isEqualTo(2);
		}

		@Test
		void theRateComesBackWithTime() {
			for (int i = 0; i < 5; i++) {
				this.chat.receive("a", "line " + i);
			}
			this.now[0] += 500_000_000L;
			assertThat(to(this.chat.receive("a", "later"), "b")).containsExactly("<guest1> later");
		}

		@Test
		void bytesAreLimitedToo() {
			assertThat(to(this.chat.receive("a", "x".repeat(150)), "b")).hasSize(1);
			assertThat(to(this.chat.receive("a", "y".repeat(60)), "a")).containsExactly("ERR slow down");
		}

		@Test
		void commandsCountAsLines() {
			for (int i = 0; i < 4; i++) {
				this.chat.receive("a", "/who");
			}
			assertThat(to(this.chat.receive("a", "/who"), "a")).containsExactly("ERR slow down");
		}

		@Test
		void persistentFloodingDisconnectsAndTheRoomHearsWhy() {
			List<Delivery> last = List.of();
			for (int i = 0; i < 4 + 6; i++) {
				last = this.chat.receive("a", "spam " + i);
			}
			assertThat(last).contains(new Delivery("a", "ERR flooding: disconnected", true));
			assertThat(to(last, "b")).containsExactly("* guest1 is offline (flooding)");
			assertThat(this.chat.users()).isEqualTo(1);
			assertThat(this.chat.floodDisconnects()).isEqualTo(1);
			assertThat(this.chat.receive("a", "gone")).isEmpty();
		}

		@Test
		void anAcceptedLineStartsTheCountAgain() {
			for (int i = 0; i < 9; i++) {
				this.chat.receive("a", "spam " + i);
			}
			this.now[0] += 500_000_000L;
			this.chat.receive("a", "polite");
			for (int i = 0; i < 5; i++) {
				assertThat(this.chat.receive("a", "more " + i))
					.doesNotContain(new Delivery("a", "ERR flooding: disconnected", true));
			}
		}

	}

}
