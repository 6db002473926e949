package dev.sockets.chat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.sockets.chat.ModerationAction.Outcome;

import static dev.sockets.chat.ChatServiceTest.to;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Moderation in one chat, through the line dialect: room operators, bans, mutes, kicks,
 * service operators and kills.
 */
class ModerationTest {

	static final String ROOT_HASH = PasswordHash.of("s3cret", new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 }, 1000);

	private final long[] wallClock = { 1_000_000 };

	private final List<Restriction> stored = new CopyOnWriteArrayList<>();

	private ChatService chat;

	@BeforeEach
	void setUp() {
		ModerationProperties properties = new ModerationProperties(
				Map.of("root", new ModerationProperties.Operator(ROOT_HASH, ""), "certified",
						new ModerationProperties.Operator("", "CN=Carol Admin, O=Example")),
				new ModerationProperties.Moderation(Duration.ofHours(1), Duration.ofMinutes(10), Duration.ofDays(1),
						Duration.ofDays(7), Duration.ofMinutes(10), 3));
		ModerationStore store = new ModerationStore() {

			@Override
			public void save(Restriction restriction) {
				ModerationTest.this.stored.removeIf((held) -> held.key().equals(restriction.key()));
				ModerationTest.this.stored.add(restriction);
			}

			@Override
			public void remove(Restriction restriction) {
				ModerationTest.this.stored.removeIf((held) -> held.key().equals(restriction.key()));
			}

			@Override
			public List<Restriction> load() {
				return List.copyOf(ModerationTest.this.stored);
			}

		};
		this.chat = new ChatService(ChatServiceTest.properties("", ChatProperties.Flood.unlimited()), ChatCluster.NONE,
				System::nanoTime, new Moderation(properties, store, () -> this.wallClock[0]));
	}

	private void connect(String session, String nickname, String address) {
		this.chat.connect(session, LineDialect.INSTANCE, new Peer(address, ""));
		this.chat.receive(session, "/nick " + nickname);
	}

	private List<String> say(String session, String line) {
		return to(this.chat.receive(session, line), session);
	}

	private long count(ModerationAction action, Outcome outcome) {
		return this.chat.moderationCounts().count(action, outcome);
	}

	@Test
	void whoeverCreatesARoomOperatesItAndTheLobbyHasNoOperator() {
		connect("a", "alice", "192.0.2.1");
		connect("b", "bob", "192.0.2.2");
		assertThat(say("a", "/ops")).containsExactly("* #lobby has no operator.");
		say("a", "/join dev");
		say("b", "/join dev");
		assertThat(say("b", "/ops")).containsExactly("* Operators of #dev: alice");
		assertThat(this.stored).extracting(Restriction::key).containsExactly("operator:#dev:alice");
	}

	@Test
	void aNonOperatorIsRefusedAndCounted() {
		connect("a", "alice", "192.0.2.1");
		connect("b", "bob", "192.0.2.2");
		say("a", "/join dev");
		say("b", "/join dev");
		assertThat(say("b", "/kick alice")).containsExactly("ERR you are not an operator of #dev");
		assertThat(say("b", "/ban 192.0.2.1")).containsExactly("ERR you are not an operator of #dev");
		assertThat(say("b", "/mute alice")).containsExactly("ERR you are not an operator of #dev");
		assertThat(say("b", "/op bob")).containsExactly("ERR you are not an operator of #dev");
		assertThat(say("b", "/kill alice")).containsExactly("ERR you are not a service operator");
		assertThat(count(ModerationAction.KICK, Outcome.REFUSED)).isEqualTo(1);
		assertThat(count(ModerationAction.KILL, Outcome.REFUSED)).isEqualTo(1);
		assertThat(this.chat.receive("b", "still here")).extracting(Delivery::text).containsExactly("<bob> still here");
	}

	@Test
	void anOperatorMakesAnotherOneAndTakesItBack() {
		connect("a", "alice", "192.0.2.1");
		connect("b", "bob", "192.0.2.2");
		say("a", "/join dev");
		say("b", "/join dev");
		List<Delivery> op = this.chat.receive("a", "/op bob");
		assertThat(to(op, "b")).containsExactly("* alice made bob an operator of #dev");
		assertThat(say("b", "/ops")).containsExactly("* Operators of #dev: alice, bob");
		assertThat(to(this.chat.receive("b", "/deop alice"), "a"))
			.containsExactly("* bob took alice's operator status in #dev");
		assertThat(say("a", "/kick bob")).containsExactly("ERR you are not an operator of #dev");
		assertThat(say("b", "/deop alice")).containsExactly("ERR alice is not an operator of #dev");
		assertThat(count(ModerationAction.OP, Outcome.DONE)).isEqualTo(1);
		assertThat(count(ModerationAction.DEOP, Outcome.INVALID)).isEqualTo(1);
	}

	@Test
	void aKickedUserLeavesTheRoomWithTheReasonShownAndMayComeBack() {
		connect("a", "alice", "192.0.2.1");
		connect("b", "bob", "192.0.2.2");
		connect("c", "carol", "192.0.2.3");
		say("a", "/join dev");
		say("b", "/join dev");
		say("c", "/join dev");
		List<Delivery> kick = this.chat.receive("a", "/kick bob spamming links");
		assertThat(to(kick, "b"))
			.containsExactly("* You were kicked from #dev by alice (spamming links). /join a room to go on.");
		assertThat(to(kick, "c")).containsExactly("* bob was kicked from #dev by alice (spamming links)");
		assertThat(to(kick, "a")).containsExactly("* bob was kicked from #dev by alice (spamming links)");
		assertThat(say("b", "hello?")).containsExactly("ERR you are in no room; /join ROOM to talk");
		assertThat(say("c", "/who")).containsExactly("* In #dev: alice, carol");
		assertThat(say("a", "/kick bob")).containsExactly("ERR bob is not in #dev");
		assertThat(say("b", "/join dev")).startsWith("* You joined #dev.");
	}

	@Test
	void aBannedNicknameCannotJoinAndIsListed() {
		connect("a", "alice", "192.0.2.1");
		connect("b", "bob", "192.0.2.2");
		say("a", "/join dev");
		assertThat(say("a", "/ban bob trolling")).containsExactly("* alice banned bob from #dev for 1 hour (trolling)");
		assertThat(say("b", "/join dev")).containsExactly("ERR you are banned from #dev: trolling");
		assertThat(say("b", "/who")).containsExactly("* In #lobby: bob");
		assertThat(say("a", "/bans")).containsExactly("* Bans in #dev: bob (by alice: trolling)");
		assertThat(count(ModerationAction.BAN, Outcome.ENFORCED)).isEqualTo(1);
		assertThat(say("a", "/unban bob")).containsExactly("* alice lifted the ban on bob in #dev");
		assertThat(say("b", "/join dev")).startsWith("* You joined #dev.");
	}

	@Test
	void anAddressOrRangeBanHoldsWhateverTheNicknameAndEnds() {
		connect("a", "alice", "192.0.2.1");
		connect("b", "bob", "198.51.100.7");
		connect("c", "carol", "198.51.100.200");
		say("a", "/join dev");
		say("a", "/ban 198.51.100.0/24");
		say("b", "/nick robert");
		assertThat(say("b", "/join dev")).containsExactly("ERR you are banned from #dev");
		assertThat(say("c", "/join dev")).containsExactly("ERR you are banned from #dev");
		assertThat(say("a", "/ban 300.1.2.3")).containsExactly("ERR not a nickname, address or CIDR range: 300.1.2.3");
		this.wallClock[0] += Duration.ofHours(1).toMillis();
		assertThat(say("b", "/join dev")).startsWith("* You joined #dev.");
	}

	@Test
	void aBanOnTheLobbyKeepsANewcomerOutOfIt() {
		connect("r", "root", "192.0.2.1");
		assertThat(operUp("r", "root s3cret")).containsExactly("* You are now a service operator (root).");
		say("r", "/ban 203.0.113.9 go away");
		List<String> newcomer = to(this.chat.connect("n", LineDialect.INSTANCE, new Peer("203.0.113.9", "")), "n");
		assertThat(newcomer).containsExactly("* You are guest2. Type /help for commands.",
				"ERR you are banned from #lobby: go away");
	}

	@Test
	void aMutedUserIsToldItsLinesAreNotDeliveredUntilTheMuteEnds() {
		connect("a", "alice", "192.0.2.1");
		connect("b", "bob", "192.0.2.2");
		say("a", "/join dev");
		say("b", "/join dev");
		assertThat(to(this.chat.receive("a", "/mute bob 5m"), "b"))
			.containsExactly("* alice muted bob in #dev for 5 minutes");
		List<Delivery> muted = this.chat.receive("b", "can you hear me");
		assertThat(muted).extracting(Delivery::sessionId).containsOnly("b");
		assertThat(to(muted, "b"))
			.containsExactly("ERR you are muted in #dev for 5 more minutes; your lines are not delivered");
		say("b", "/nick bobby");
		assertThat(say("b", "renamed"))
			.containsExactly("ERR you are muted in #dev for 5 more minutes; your lines are not delivered");
		this.wallClock[0] += Duration.ofMinutes(4).toMillis();
		assertThat(say("b", "soon"))
			.containsExactly("ERR you are muted in #dev for 1 more minute; your lines are not delivered");
		assertThat(to(this.chat.receive("a", "/unmute bobby"), "b")).containsExactly("* alice unmuted bobby in #dev");
		assertThat(to(this.chat.receive("b", "back"), "a")).containsExactly("<bobby> back");
		assertThat(count(ModerationAction.MUTE, Outcome.ENFORCED)).isEqualTo(3);
	}

	@Test
	void aRenamedOperatorStaysOneAndADepartedOneOnlyForTheGrace() {
		connect("a", "alice", "192.0.2.1");
		say("a", "/join dev");
		say("a", "/nick alicia");
		assertThat(say("a", "/ops")).containsExactly("* Operators of #dev: alicia");
		this.chat.disconnect("a", "connection lost");
		assertThat(this.stored).singleElement()
			.satisfies((operator) -> assertThat(operator.until())
				.isEqualTo(this.wallClock[0] + Duration.ofMinutes(10).toMillis()));
		connect("b", "alicia", "192.0.2.1");
		assertThat(say("b", "/ops #dev")).containsExactly("* Operators of #dev: alicia");
		assertThat(this.stored).singleElement()
			.satisfies((operator) -> assertThat(operator.until())
				.isEqualTo(this.wallClock[0] + Duration.ofDays(7).toMillis()));
	}

	@Test
	void aServiceOperatorWithThePasswordKicksBansAndKillsAnywhere() {
		connect("r", "root", "192.0.2.1");
		connect("b", "bob", "192.0.2.2");
		connect("c", "carol", "192.0.2.3");
		say("c", "/join dev");
		say("b", "/join dev");
		assertThat(say("r", "/kick #dev bob")).containsExactly("ERR you are not an operator of #dev");
		assertThat(operUp("r", "root wrong")).containsExactly("ERR wrong operator name or password");
		assertThat(operUp("r", "root s3cret")).containsExactly("* You are now a service operator (root).");
		assertThat(say("r", "/kick #dev bob")).containsExactly("* bob was kicked from #dev by root");
		assertThat(say("r", "/op #lobby root")).containsExactly("* root made root an operator of #lobby");
		List<Delivery> kill = this.chat.receive("r", "/kill carol enough");
		assertThat(kill).filteredOn(Delivery::closeAfter)
			.singleElement()
			.isEqualTo(new Delivery("c", "ERR disconnected by root (enough)", true));
		assertThat(this.chat.presence("c")).isEmpty();
		assertThat(count(ModerationAction.OPER, Outcome.DONE)).isEqualTo(1);
		assertThat(count(ModerationAction.OPER, Outcome.REFUSED)).isEqualTo(1);
		assertThat(count(ModerationAction.KILL, Outcome.DONE)).isEqualTo(1);
	}

	@Test
	void killedUsersRoomsHearWhy() {
		connect("r", "root", "192.0.2.1");
		connect("b", "bob", "192.0.2.2");
		operUp("r", "root s3cret");
		assertThat(to(this.chat.receive("r", "/kill bob spam"), "r"))
			.containsExactly("* bob is offline (killed by root: spam)");
	}

	@Test
	void aClientCertificateSubjectMakesAServiceOperatorWithoutAPassword() {
		this.chat.connect("c", LineDialect.INSTANCE, new Peer("192.0.2.3", "cn=carol admin,o=example"));
		this.chat.connect("d", LineDialect.INSTANCE, new Peer("192.0.2.4", "CN=Dave,O=Example"));
		assertThat(operUp("c", "certified")).containsExactly("* You are now a service operator (certified).");
		assertThat(operUp("d", "certified")).containsExactly("ERR wrong operator name or password");
	}

	@Test
	void operAttemptsAreLimitedPerAddress() {
		connect("a", "alice", "192.0.2.1");
		connect("b", "bob", "192.0.2.1");
		for (int i = 0; i < 3; i++) {
			assertThat(operUp("a", "root guess" + i)).containsExactly("ERR wrong operator name or password");
		}
		assertThat(say("b", "/oper root s3cret"))
			.containsExactly("ERR too many /oper attempts from your address (max 3 a minute); try again later");
		assertThat(count(ModerationAction.OPER, Outcome.THROTTLED)).isEqualTo(1);
	}

	@Test
	void whatOneOperatorMayAddIsBounded() {
		connect("a", "alice", "192.0.2.1");
		for (int i = 0; i < Moderation.MAX_ROOMS_CREATED; i++) {
			say("a", "/join room" + i);
		}
		assertThat(say("a", "/join onemore")).containsExactly("* You joined #onemore.", "* Nobody else is here yet.",
				"ERR you operate 32 rooms already, so not #onemore");
		assertThat(say("a", "/ops")).containsExactly("* #onemore has no operator.");
		say("a", "/join room0");
		for (int i = 0; i < Moderation.MAX_BANS_PER_ROOM; i++) {
			say("a", "/ban 10.0." + (i / 250) + "." + (i % 250));
		}
		assertThat(say("a", "/ban bob"))
			.containsExactly("ERR #room0 has 100 bans, the most it may have; /unban one first");
		assertThat(say("a", "/ban 10.0.0.0")).containsExactly("* alice banned 10.0.0.0 from #room0 for 1 hour");
		assertThat(count(ModerationAction.BAN, Outcome.LIMITED)).isEqualTo(1);
		assertThat(count(ModerationAction.OP, Outcome.LIMITED)).isEqualTo(1);
	}

	@Test
	void whatTheStoreHoldsIsRestored() {
		this.stored.add(new Restriction(Restriction.Kind.BAN, "#dev", "192.0.2.2", "alice", "", 2_000_000));
		this.chat.restore(this.stored);
		connect("b", "bob", "192.0.2.2");
		assertThat(say("b", "/join dev")).containsExactly("ERR you are banned from #dev");
	}

	/**
	 * @return what the session is told once its {@code /oper} is checked, off the chat's
	 * lock
	 */
	private List<String> operUp(String session, String args) {
		List<Delivery> out = new CopyOnWriteArrayList<>();
		this.chat.receive(session, "/oper " + args, out::addAll);
		Awaitility.await().until(() -> !to(out, session).isEmpty());
		return to(out, session);
	}

}
