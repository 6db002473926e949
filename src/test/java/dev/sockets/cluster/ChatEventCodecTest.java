package dev.sockets.cluster;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.sockets.chat.ChatEvent;
import dev.sockets.chat.Restriction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ChatEventCodecTest {

	private final ChatEventCodec codec = new ChatEventCodec();

	@Test
	void everyEventSurvivesTheWire() {
		List<ChatEvent> events = List.of(new ChatEvent.Said("#lobby", "alice", "héllo \\033 \"quoted\""),
				new ChatEvent.Joined("#dev", "bob"), new ChatEvent.Left("#dev", "bob", "bob left #dev (quit)"),
				new ChatEvent.Renamed("#dev", "guest1", "carol"), new ChatEvent.Whispered("alice", "carol", "psst"),
				new ChatEvent.Present(List.of(new ChatEvent.Present.Member("alice", "#lobby"))),
				new ChatEvent.Present(List.of()));
		long sequence = 0;
		for (ChatEvent event : events) {
			ClusterMessage message = new ClusterMessage("pod-1-ab12", ++sequence, event);
			assertThat(this.codec.decode(this.codec.encode(message))).isEqualTo(message);
		}
	}

	@Test
	void moderationsEventsSurviveTheWire() {
		Restriction ban = new Restriction(Restriction.Kind.BAN, "#dev", "10.0.0.0/8", "alice", "spam \"bots\"",
				1_764_547_200_000L);
		List<ChatEvent> events = List.of(new ChatEvent.Moderated(ban, ChatEvent.Moderated.Change.ADDED, "alice"),
				new ChatEvent.Moderated(new Restriction(Restriction.Kind.OPERATOR, "#dev", "bob", "", "", 1),
						ChatEvent.Moderated.Change.FORGOTTEN, ""),
				new ChatEvent.Removal("bob", "#dev", "alice", "flooding"), new ChatEvent.Removal("bob", "", "root", ""),
				new ChatEvent.Kicked("#dev", "bob", "alice", "flooding"));
		for (ChatEvent event : events) {
			ClusterMessage message = new ClusterMessage("pod-1-ab12", 7, event);
			assertThat(this.codec.decode(this.codec.encode(message))).isEqualTo(message);
		}
		assertThat(this.codec.encode(ban))
			.isEqualTo("{\"kind\":\"ban\",\"room\":\"#dev\",\"subject\":\"10.0.0.0/8\",\"by\":\"alice\","
					+ "\"reason\":\"spam \\\"bots\\\"\",\"until\":1764547200000}");
		assertThat(this.codec.decodeRestriction(this.codec.encode(ban))).isEqualTo(ban);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.codec.decodeRestriction("{\"kind\":\"curse\",\"room\":\"#dev\",\"subject\":\"x\","
					+ "\"by\":\"\",\"reason\":\"\",\"until\":1}"));
	}

	@Test
	void actionsTopicsAndAwaySurviveTheWire() {
		List<ChatEvent> events = List.of(new ChatEvent.Said("#lobby", "alice", "waves", false, true),
				new ChatEvent.TopicChanged("#dev", "bob", "release on friday"),
				new ChatEvent.TopicChanged("#dev", "bob", ""), new ChatEvent.Away("carol", "lunch"),
				new ChatEvent.Away("carol", ""),
				new ChatEvent.Present(List.of(new ChatEvent.Present.Member("alice", List.of("#a", "#b"), "out"),
						new ChatEvent.Present.Member("carol", "#a"),
						new ChatEvent.Present.Member("bob", List.of(), "gone"))));
		long sequence = 0;
		for (ChatEvent event : events) {
			ClusterMessage message = new ClusterMessage("pod-1-ab12", ++sequence, event);
			assertThat(this.codec.decode(this.codec.encode(message))).isEqualTo(message);
		}
		// A line user's plain line is written as before.
		assertThat(this.codec.encode(new ClusterMessage("a", 1, new ChatEvent.Said("#a", "alice", "hi"))))
			.doesNotContain("action");
	}

	@Test
	void theFormatIsTheDocumentedOne() {
		assertThat(this.codec.encode(new ClusterMessage("a", 42, new ChatEvent.Said("#lobby", "alice", "hello"))))
			.isEqualTo(
					"{\"v\":1,\"origin\":\"a\",\"seq\":42,\"type\":\"said\",\"room\":\"#lobby\",\"nick\":\"alice\",\"text\":\"hello\"}");
	}

	@Test
	void fieldsAddedByLaterWritersAreIgnored() {
		ClusterMessage message = this.codec.decode(
				"{\"v\":1,\"origin\":\"a\",\"seq\":1,\"type\":\"joined\",\"room\":\"#x\",\"nick\":\"n\",\"colour\":\"red\"}");
		assertThat(message.event()).isEqualTo(new ChatEvent.Joined("#x", "n"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "not json", "[]", "{}",
			"{\"v\":2,\"origin\":\"a\",\"type\":\"joined\",\"room\":\"#x\",\"nick\":\"n\"}",
			"{\"v\":1,\"origin\":\"a\",\"type\":\"shouted\",\"room\":\"#x\"}",
			"{\"v\":1,\"origin\":\"a\",\"type\":\"joined\",\"room\":\"#x\"}",
			"{\"v\":1,\"origin\":\"a\",\"type\":\"said\",\"room\":\"#x\",\"nick\":\"n\",\"text\":7}",
			"{\"v\":1,\"origin\":\"a\",\"type\":\"present\",\"members\":{}}" })
	void anythingElseIsRefusedWithAReason(String text) {
		assertThatIllegalArgumentException().isThrownBy(() -> this.codec.decode(text)).withMessageMatching(".+");
	}

}
