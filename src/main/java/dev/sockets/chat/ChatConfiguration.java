package dev.sockets.chat;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ChatConfiguration {

	/**
	 * The chat, on its own or, where a {@link ChatCluster} is configured, spanning every
	 * instance.
	 */
	@Bean
	ChatService chatService(ChatProperties properties, ModerationProperties moderation,
			ObjectProvider<ChatCluster> cluster, ObjectProvider<ModerationStore> store, RoomMemory memory) {
		return new ChatService(properties, cluster.getIfAvailable(() -> ChatCluster.NONE), memory, moderation,
				store.getIfAvailable(() -> ModerationStore.NONE));
	}

	/**
	 * What the chat keeps of its rooms: in this instance, unless stores the instances
	 * share are configured.
	 */
	@Bean
	RoomMemory chatRoomMemory(HistoryProperties history, TopicProperties topics, ObjectProvider<HistoryStore> lines,
			ObjectProvider<TopicStore> topicStore) {
		Clock clock = Clock.systemUTC();
		if (!history.enabled()) {
			return new RoomMemory(HistoryStore.NONE, topicStore.getIfAvailable(() -> new Topics(topics.maxRooms())),
					history, topics, clock);
		}
		return new RoomMemory(
				lines.getIfAvailable(
						() -> new RoomHistory(history.lines(), history.maxAge(), history.maxRooms(), clock)),
				topicStore.getIfAvailable(() -> new Topics(topics.maxRooms())), history, topics, clock);
	}

}
