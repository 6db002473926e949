package dev.sockets.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * The listeners the configuration asks for.
 */
@Configuration(proxyBeanMethods = false)
class ListenerConfiguration {

	@Bean
	ListenerDefinitions listenerDefinitions(SocketsProperties sockets, ConfigurableEnvironment environment) {
		return ListenerDefinitions.of(sockets, environment);
	}

}
