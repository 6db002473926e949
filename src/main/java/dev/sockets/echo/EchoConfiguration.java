package dev.sockets.echo;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class EchoConfiguration {

	@Bean
	EchoService echoService(EchoProperties properties) {
		return new EchoService(properties.greeting(), properties.replyPrefix());
	}

}
