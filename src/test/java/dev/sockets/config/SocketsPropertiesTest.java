package dev.sockets.config;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

class SocketsPropertiesTest {

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Config.class);

	private static String failure(AssertableApplicationContext context) {
		assertThat(context).hasFailed();
		StringBuilder messages = new StringBuilder();
		for (Throwable t = context.getStartupFailure(); t != null; t = t.getCause()) {
			messages.append(t.getMessage()).append('\n');
		}
		return messages.toString();
	}

	@Test
	void defaultsListenEverywhereOnTheDocumentedPorts() {
		this.runner.run((context) -> {
			SocketsProperties sockets = context.getBean(SocketsProperties.class);
			assertThat(sockets.bindAddress()).isEqualTo(InetAddress.getByName("0.0.0.0"));
			assertThat(sockets.time().tcp().port()).isEqualTo(7013);
			assertThat(sockets.time().udp().port()).isEqualTo(7013);
			assertThat(sockets.echo().tcp().port()).isEqualTo(7007);
			assertThat(sockets.echo().udp().port()).isEqualTo(7007);
			assertThat(sockets.chat().tcp().port()).isEqualTo(7070);
			TcpListenerProperties echo = sockets.echo().tcp();
			assertThat(echo.enabled()).isTrue();
			assertThat(echo.framing()).isEqualTo(Framing.LF);
			assertThat(echo.telnet()).isEqualTo(TelnetMode.AUTO);
			assertThat(sockets.chat().tcp().telnet()).isEqualTo(TelnetMode.AUTO);
			assertThat(echo.maxLineLength()).isEqualTo(DataSize.ofKilobytes(8));
			// Resolved per service by the listener definitions.
			assertThat(echo.idleTimeout()).isNull();
			assertThat(echo.lineTimeout()).isEqualTo(Duration.ofMinutes(1));
			assertThat(echo.maxConnections()).isEqualTo(1000);
			assertThat(echo.backlog()).isEqualTo(128);
			assertThat(echo.reuseAddress()).isTrue();
			assertThat(sockets.echo().udp().maxDatagramSize()).isEqualTo(DataSize.ofKilobytes(2));
		});
	}

	@Test
	void environmentVariablesBindByRelaxedNames() {
		this.runner.withInitializer((context) -> context.getEnvironment()
			.getPropertySources()
			.addFirst(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
					Map.of("SOCKETS_BIND_ADDRESS", "127.0.0.1", "SOCKETS_ECHO_TCP_PORT", "9007",
							"SOCKETS_ECHO_TCP_FRAMING", "crlf", "SOCKETS_ECHO_TCP_MAX_LINE_LENGTH", "1KB",
							"SOCKETS_TIME_UDP_ENABLED", "false", "SOCKETS_CHAT_TCP_IDLE_TIMEOUT", "30s",
							"SOCKETS_CHAT_TCP_TELNET", "off"))))
			.run((context) -> {
				SocketsProperties sockets = context.getBean(SocketsProperties.class);
				assertThat(sockets.bindAddress().getHostAddress()).isEqualTo("127.0.0.1");
				assertThat(sockets.echo().tcp().port()).isEqualTo(9007);
				assertThat(sockets.echo().tcp().framing()).isEqualTo(Framing.CRLF);
				assertThat(sockets.echo().tcp().maxLineLength()).isEqualTo(DataSize.ofKilobytes(1));
				assertThat(sockets.time().udp().enabled()).isFalse();
				assertThat(sockets.chat().tcp().idleTimeout()).isEqualTo(Duration.ofSeconds(30));
				assertThat(sockets.chat().tcp().telnet()).isEqualTo(TelnetMode.OFF);
				assertThat(sockets.echo().udp().port()).isEqualTo(7007);
			});
	}

	@Test
	void aPortOutOfRangeIsNamedWithItsValue() {
		this.runner.withPropertyValues("sockets.time.tcp.port=70000").run((context) -> {
			String failure = failure(context);
			assertThat(failure).contains("sockets.time.tcp.port", "70000", "must be less than or equal to 65535");
		});
	}

	@Test
	void aNegativePortIsNamed() {
		this.runner.withPropertyValues("sockets.chat.tcp.port=-1")
			.run((context) -> assertThat(failure(context)).contains("sockets.chat.tcp.port",
					"must be greater than or equal to 0"));
	}

	@Test
	void negativeSizesAreRefused() {
		this.runner.withPropertyValues("sockets.echo.tcp.max-line-length=-1KB")
			.run((context) -> assertThat(failure(context)).contains("echo.tcp.maxLineLength", "-1024B",
					"must be a positive size"));
		this.runner.withPropertyValues("sockets.echo.udp.max-datagram-size=0B")
			.run((context) -> assertThat(failure(context)).contains("echo.udp.maxDatagramSize",
					"must be a positive size"));
	}

	@Test
	void negativeTimeoutsAndCountsAreRefused() {
		this.runner.withPropertyValues("sockets.chat.tcp.idle-timeout=-5s")
			.run((context) -> assertThat(failure(context)).contains("chat.tcp.idleTimeout",
					"must be longer than or equal to 0"));
		this.runner.withPropertyValues("sockets.chat.tcp.max-connections=0")
			.run((context) -> assertThat(failure(context)).contains("chat.tcp.maxConnections",
					"must be greater than 0"));
	}

	@Test
	void anUnknownFramingIsNamed() {
		this.runner.withPropertyValues("sockets.echo.tcp.framing=zigzag")
			.run((context) -> assertThat(failure(context)).contains("sockets.echo.tcp.framing", "zigzag"));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(SocketsProperties.class)
	static class Config {

	}

}
