package dev.sockets.chat.irc;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.sockets.chat.ChatCluster;
import dev.sockets.chat.ChatProperties;
import dev.sockets.chat.ChatService;
import dev.sockets.chat.Delivery;
import dev.sockets.chat.HistoryProperties;
import dev.sockets.chat.RoomHistory;
import dev.sockets.chat.RoomMemory;
import dev.sockets.chat.TopicProperties;
import dev.sockets.chat.Topics;

import static org.assertj.core.api.Assertions.assertThat;

class IrcDialectActionTest {

	@Test
	void aCtcpActionReachesALineUserAsAnActionAndOnlyOperatorsSetATopic() {
		HistoryProperties history = new HistoryProperties(5, Duration.ofHours(1), 10, 1024, Duration.ofSeconds(1));
		TopicProperties topics = new TopicProperties(300, 10);
		RoomMemory memory = new RoomMemory(new RoomHistory(5, Duration.ofHours(1), 10, Clock.systemUTC()),
				new Topics(10), history, topics, Clock.systemUTC());
		ChatService chat = new ChatService(new ChatProperties("Welcome to chat.", "lobby", "guest", 16, 24, 0,
				ChatProperties.Flood.unlimited(), ChatProperties.Cluster.NONE, "sockets.local", "sockets"),
				ChatCluster.NONE, memory);
		List<Delivery> out = new ArrayList<>();
		out.addAll(chat.connect("line"));
		out.addAll(chat.connect("irc", new IrcDialect(IrcMessageTest.SERVER)));
		out.addAll(chat.receive("irc", "NICK tess"));
		out.addAll(chat.receive("irc", "USER u 0 * :Tess"));
		out.addAll(chat.receive("line", "/join #act"));
		out.addAll(chat.receive("irc", "JOIN #act"));
		List<Delivery> said = chat.receive("irc", "PRIVMSG #act :\u0001ACTION waves\u0001");
		assertThat(said).extracting(Delivery::text).contains("* tess waves");
		// The line user made the room, and operates it: its topic is theirs to set.
		assertThat(chat.receive("irc", "TOPIC #act :from irc")).extracting(Delivery::text)
			.containsExactly(":sockets.local 482 tess #act :You're not channel operator");
	}

}
