package dev.sockets.chat;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ChatConfiguration {

	@Bean
	ChatService chatService(ChatProperties properties) {
		return new ChatService(properties);
	}

}
