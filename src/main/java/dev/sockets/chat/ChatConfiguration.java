package dev.sockets.chat;

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
			ObjectProvider<ChatCluster> cluster, ObjectProvider<ModerationStore> store) {
		return new ChatService(properties, cluster.getIfAvailable(() -> ChatCluster.NONE), moderation,
				store.getIfAvailable(() -> ModerationStore.NONE));
	}

}
