package dev.sockets.time;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class TimeConfiguration {

	@Bean
	TimeService timeService() {
		return new TimeService(Clock.systemUTC());
	}

}
