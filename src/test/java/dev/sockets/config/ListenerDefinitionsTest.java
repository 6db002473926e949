package dev.sockets.config;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import dev.sockets.config.ProxyProtocolProperties.Mode;
import dev.sockets.listener.ListenerId;
import dev.sockets.listener.Protocol;
import dev.sockets.listener.Service;
import dev.sockets.time.TimeFormat;

import static org.assertj.core.api.Assertions.assertThat;

class ListenerDefinitionsTest {

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Config.class);

	private static String failure(AssertableApplicationContext context) {
		assertThat(context).hasFailed();
		StringBuilder messages = new StringBuilder();
		for (Throwable t = context.getStartupFailure(); t != null; t = t.getCause()) {
			messages.append(t.getMessage()).append('\n');
		}
		return messages.toString();
	}

	private static List<ListenerDefinition> enabled(AssertableApplicationContext context) {
		assertThat(context).hasNotFailed();
		return context.getBean(ListenerDefinitions.class).enabled();
	}

	private static ListenerDefinition named(AssertableApplicationContext context, String name) {
		return enabled(context).stream()
			.filter((listener) -> listener.id().name().equals(name))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no listener " + name));
	}

	@Test
	void theShorthandsAreTheDefaultListenersNamedAfterServiceAndProtocol() {
		this.runner.run((context) -> {
			assertThat(enabled(context)).extracting((listener) -> listener.id())
				.containsExactly(ListenerId.shorthand(Service.TIME, "tcp", Protocol.TCP),
						ListenerId.shorthand(Service.TIME, "udp", Protocol.UDP),
						ListenerId.shorthand(Service.ECHO, "tcp", Protocol.TCP),
						ListenerId.shorthand(Service.ECHO, "udp", Protocol.UDP),
						ListenerId.shorthand(Service.CHAT, "tcp", Protocol.TCP));
			assertThat(named(context, "echo-tcp").id().propertyPrefix()).isEqualTo("sockets.echo.tcp");
			assertThat(named(context, "echo-tcp").address().getPort()).isEqualTo(7007);
			assertThat(named(context, "echo-tcp").address().getAddress().isAnyLocalAddress()).isTrue();
		});
	}

	@Test
	void theChatHasNoIdleTimeoutUnlessOneIsSetWhileEveryOtherListenerHasFiveMinutes() {
		this.runner
			.withPropertyValues("sockets.listeners.chat-tls.service=chat", "sockets.listeners.chat-tls.port=6697",
					"sockets.listeners.chat-slow.service=chat", "sockets.listeners.chat-slow.port=6698",
					"sockets.listeners.chat-slow.idle-timeout=1h", "sockets.listeners.echo-inside.service=echo",
					"sockets.listeners.echo-inside.port=7", "sockets.time.tcp.idle-timeout=10s")
			.run((context) -> {
				assertThat(tcp(context, "chat-tcp").idleTimeout()).isZero();
				assertThat(tcp(context, "chat-tls").idleTimeout()).isZero();
				assertThat(tcp(context, "chat-slow").idleTimeout()).isEqualTo(Duration.ofHours(1));
				assertThat(tcp(context, "echo-tcp").idleTimeout()).isEqualTo(Duration.ofMinutes(5));
				assertThat(tcp(context, "echo-inside").idleTimeout()).isEqualTo(Duration.ofMinutes(5));
				assertThat(tcp(context, "time-tcp").idleTimeout()).isEqualTo(Duration.ofSeconds(10));
				// Whatever the idle timeout, a line begun must be finished.
				assertThat(tcp(context, "chat-tcp").lineTimeout()).isEqualTo(Duration.ofMinutes(1));
			});
	}

	@Test
	void keepaliveIsOnWithTimingsThatFindADeadPeerWithinFourMinutes() {
		this.runner
			.withPropertyValues("sockets.listeners.chat-tls.service=chat", "sockets.listeners.chat-tls.port=6697",
					"sockets.listeners.chat-tls.keepalive.idle=20s", "sockets.listeners.chat-tls.keepalive.count=2",
					"sockets.echo.tcp.keepalive.enabled=false")
			.run((context) -> {
				TcpKeepaliveProperties chat = tcp(context, "chat-tcp").keepalive();
				assertThat(chat.enabled()).isTrue();
				assertThat(chat.idle().plus(chat.interval().multipliedBy(chat.count())))
					.isEqualTo(Duration.ofMinutes(4));
				assertThat(tcp(context, "chat-tls").keepalive())
					.isEqualTo(new TcpKeepaliveProperties(true, Duration.ofSeconds(20), Duration.ofSeconds(30), 2));
				assertThat(tcp(context, "echo-tcp").keepalive().enabled()).isFalse();
			});
	}

	@Test
	void keepaliveTimingsTheKernelRefusesStopStartup() {
		this.runner.withPropertyValues("sockets.chat.tcp.keepalive.idle=500ms", "sockets.chat.tcp.keepalive.count=200")
			.run((context) -> assertThat(failure(context)).contains("chat.tcp.keepalive.idle")
				.contains("chat.tcp.keepalive.count"));
	}

	private static TcpListenerProperties tcp(AssertableApplicationContext context, String name) {
		return ((ListenerDefinition.Tcp) named(context, name)).settings();
	}

	@Test
	void namedListenersComeAfterTheDefaultOnesWithEverySettingOfTheirProtocol() {
		this.runner
			.withPropertyValues("sockets.listeners.chat-tls.service=chat", "sockets.listeners.chat-tls.port=6697",
					"sockets.listeners.chat-tls.ssl.bundle=sockets", "sockets.listeners.chat-tls.idle-timeout=1h",
					"sockets.listeners.daytime.service=time", "sockets.listeners.daytime.port=13",
					"sockets.listeners.daytime.time-format=rfc-867", "sockets.listeners.time37.service=time",
					"sockets.listeners.time37.protocol=udp", "sockets.listeners.time37.port=37",
					"sockets.listeners.time37.time-format=rfc-868", "sockets.listeners.echo-inside.service=echo",
					"sockets.listeners.echo-inside.port=7", "sockets.listeners.echo-inside.address=10.0.0.5",
					"sockets.listeners.echo-inside.reply-prefix=OK...", "sockets.listeners.chat-lb.service=chat",
					"sockets.listeners.chat-lb.port=7071", "sockets.listeners.chat-lb.proxy-protocol.mode=required",
					"sockets.listeners.chat-lb.proxy-protocol.trusted-proxies=10.0.0.0/8,192.0.2.1")
			.run((context) -> {
				assertThat(enabled(context)).extracting((listener) -> listener.id().name())
					.containsExactly("time-tcp", "time-udp", "echo-tcp", "echo-udp", "chat-tcp", "chat-lb", "chat-tls",
							"daytime", "echo-inside", "time37");
				ListenerDefinition.Tcp tls = (ListenerDefinition.Tcp) named(context, "chat-tls");
				assertThat(tls.id()).isEqualTo(ListenerId.named("chat-tls", Service.CHAT, Protocol.TCP));
				assertThat(tls.id().property("port")).isEqualTo("sockets.listeners.chat-tls.port");
				assertThat(tls.id().variable("port")).isEqualTo("SOCKETS_LISTENERS_CHATTLS_PORT");
				assertThat(tls.settings().ssl().bundle()).isEqualTo("sockets");
				assertThat(tls.settings().idleTimeout()).isEqualTo(Duration.ofHours(1));
				assertThat(tls.settings().maxLineLength().toBytes()).isEqualTo(8192);
				assertThat(((ListenerDefinition.Tcp) named(context, "daytime")).settings().timeFormat())
					.isEqualTo(TimeFormat.RFC_867);
				ListenerDefinition.Udp time37 = (ListenerDefinition.Udp) named(context, "time37");
				assertThat(time37.settings().timeFormat()).isEqualTo(TimeFormat.RFC_868);
				assertThat(time37.settings().ratePerSource()).isEqualTo(50);
				ListenerDefinition.Tcp inside = (ListenerDefinition.Tcp) named(context, "echo-inside");
				assertThat(inside.address().getAddress()).isEqualTo(InetAddress.getByName("10.0.0.5"));
				assertThat(inside.settings().replyPrefix()).isEqualTo("OK...");
				ProxyProtocolProperties proxy = ((ListenerDefinition.Tcp) named(context, "chat-lb")).settings()
					.proxyProtocol();
				assertThat(proxy.mode()).isEqualTo(Mode.REQUIRED);
				assertThat(proxy.trustedProxies()).extracting(Object::toString)
					.containsExactly("10.0.0.0/8", "192.0.2.1");
				assertThat(proxy.headerTimeout()).isEqualTo(Duration.ofSeconds(5));
			});
	}

	@Test
	void aNamedListenerIsConfiguredFromEnvironmentVariablesLikeAnyProperty() {
		this.runner
			.withPropertyValues("sockets.listeners.chat-tls.service=chat", "sockets.listeners.chat-tls.port=6697")
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.addFirst(new SystemEnvironmentPropertySource(
						StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
						Map.of("SOCKETS_LISTENERS_CHATTLS_PORT", "7000", "SOCKETS_LISTENERS_CHATTLS_MAXCONNECTIONS",
								"5", "SOCKETS_LISTENERS_DAYTIME_SERVICE", "time", "SOCKETS_LISTENERS_DAYTIME_PORT",
								"1013"))))
			.run((context) -> {
				assertThat(enabled(context)).extracting((listener) -> listener.id().name())
					.containsExactly("time-tcp", "time-udp", "echo-tcp", "echo-udp", "chat-tcp", "chat-tls", "daytime");
				ListenerDefinition.Tcp tls = (ListenerDefinition.Tcp) named(context, "chat-tls");
				assertThat(tls.address().getPort()).isEqualTo(7000);
				assertThat(tls.settings().maxConnections()).isEqualTo(5);
				assertThat(named(context, "daytime").address().getPort()).isEqualTo(1013);
			});
	}

	@Test
	void aNamedListenerWithoutAPortIsRefusedNamingIt() {
		this.runner.withPropertyValues("sockets.listeners.chat-tls.service=chat")
			.run((context) -> assertThat(failure(context)).contains("sockets.listeners.chat-tls.port",
					"a listener needs a port"));
	}

	@Test
	void aNamedListenerWithoutAServiceIsRefusedNamingIt() {
		this.runner.withPropertyValues("sockets.listeners.chat-tls.port=6697")
			.run((context) -> assertThat(failure(context)).contains("sockets.listeners.chat-tls.service",
					"say which service it serves: time, echo or chat"));
	}

	@Test
	void aSettingTheListenersProtocolDoesNotHaveIsRefusedNamingIt() {
		this.runner
			.withPropertyValues("sockets.listeners.chat-tls.service=chat", "sockets.listeners.chat-tls.port=6697",
					"sockets.listeners.chat-tls.max-datagram-size=1KB")
			.run((context) -> assertThat(failure(context)).contains("sockets.listeners.chat-tls.max-datagram-size"));
	}

	@Test
	void aSettingOutOfRangeOnANamedListenerIsNamedWithItsValue() {
		this.runner
			.withPropertyValues("sockets.listeners.chat-tls.service=chat", "sockets.listeners.chat-tls.port=70000")
			.run((context) -> assertThat(failure(context)).contains("sockets.listeners.chat-tls", "port", "70000",
					"must be less than or equal to 65535"));
	}

	@Test
	void namesAreLowerCaseWordsAndNotThoseOfTheDefaultListeners() {
		this.runner
			.withPropertyValues("sockets.listeners.echo-tcp.service=echo", "sockets.listeners.echo-tcp.port=9007")
			.run((context) -> assertThat(failure(context)).contains("sockets.listeners.echo-tcp",
					"is the name of a default listener; configure it as sockets.echo.tcp"));
		this.runner
			.withPropertyValues("sockets.listeners.chat_tls.service=chat", "sockets.listeners.chat_tls.port=9007")
			.run((context) -> assertThat(failure(context)).contains("sockets.listeners.chat_tls",
					"lower-case letters and digits"));
	}

	@Test
	void settingsOfAnotherServiceAreRefused() {
		this.runner
			.withPropertyValues("sockets.listeners.odd.service=echo", "sockets.listeners.odd.port=9007",
					"sockets.listeners.odd.time-format=rfc-868")
			.run((context) -> assertThat(failure(context)).contains("sockets.listeners.odd.time-format",
					"only a time listener writes the time"));
		this.runner.withPropertyValues("sockets.chat.tcp.greeting=hi")
			.run((context) -> assertThat(failure(context)).contains("sockets.chat.tcp.greeting",
					"only an echo listener has a greeting of its own"));
		this.runner
			.withPropertyValues("sockets.listeners.chat-udp.service=chat", "sockets.listeners.chat-udp.protocol=udp",
					"sockets.listeners.chat-udp.port=9070")
			.run((context) -> assertThat(failure(context)).contains("sockets.listeners.chat-udp.protocol",
					"chat is served over TCP only"));
	}

	@Test
	void chatCannotBeRaw() {
		this.runner.withPropertyValues("sockets.chat.tcp.framing=raw")
			.run((context) -> assertThat(failure(context)).contains("sockets.chat.tcp.framing",
					"chat is line-based: use lf or crlf"));
	}

	@Test
	void telnetIsSetPerListenerAndOnlyLineListenersCanBeAskedToSpeakIt() {
		this.runner
			.withPropertyValues("sockets.listeners.chat-tls.service=chat", "sockets.listeners.chat-tls.port=6697",
					"sockets.listeners.chat-tls.telnet=on", "sockets.echo.tcp.telnet=off")
			.run((context) -> {
				assertThat(((ListenerDefinition.Tcp) named(context, "chat-tls")).settings().telnet())
					.isEqualTo(TelnetMode.ON);
				assertThat(((ListenerDefinition.Tcp) named(context, "echo-tcp")).settings().telnet())
					.isEqualTo(TelnetMode.OFF);
				assertThat(((ListenerDefinition.Tcp) named(context, "chat-tcp")).settings().telnet())
					.isEqualTo(TelnetMode.AUTO);
			});
		this.runner.withPropertyValues("sockets.time.tcp.telnet=on")
			.run((context) -> assertThat(failure(context)).contains("sockets.time.tcp.telnet",
					"only line listeners speak telnet: chat, and echo with lf or crlf framing"));
		this.runner.withPropertyValues("sockets.echo.tcp.framing=raw", "sockets.echo.tcp.telnet=on")
			.run((context) -> assertThat(failure(context)).contains("sockets.echo.tcp.telnet",
					"only line listeners speak telnet"));
		this.runner.withPropertyValues("sockets.echo.tcp.framing=raw", "sockets.time.tcp.telnet=off")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void aProxyProtocolListenerMustNameTheProxiesItTrusts() {
		this.runner.withPropertyValues("sockets.chat.tcp.proxy-protocol.mode=optional")
			.run((context) -> assertThat(failure(context)).contains("sockets.chat.tcp.proxy-protocol.trusted-proxies",
					"name the proxies whose headers are believed"));
	}

	@Test
	void theSamePortTwiceOnOneProtocolAndAddressIsRefused() {
		this.runner.withPropertyValues("sockets.echo.tcp.port=7013")
			.run((context) -> assertThat(failure(context)).contains("sockets.echo.tcp.port",
					"TCP port 7013 is already used by sockets.time.tcp.port"));
		this.runner
			.withPropertyValues("sockets.listeners.more-echo.service=echo", "sockets.listeners.more-echo.port=7007")
			.run((context) -> assertThat(failure(context)).contains("sockets.listeners.more-echo.port",
					"TCP port 7007 is already used by sockets.echo.tcp.port"));
	}

	@Test
	void aWildcardAddressOverlapsEveryOtherOnItsPort() {
		this.runner
			.withPropertyValues("sockets.listeners.inside.service=echo", "sockets.listeners.inside.port=7007",
					"sockets.listeners.inside.address=127.0.0.2")
			.run((context) -> assertThat(failure(context)).contains("sockets.listeners.inside.port",
					"TCP port 7007 on 127.0.0.2 overlaps sockets.echo.tcp.port on 0.0.0.0 (every address)"));
	}

	@Test
	void oneProtocolAndPortOnTwoAddressesIsFine() {
		this.runner
			.withPropertyValues("sockets.bind-address=127.0.0.1", "sockets.listeners.inside.service=echo",
					"sockets.listeners.inside.port=7007", "sockets.listeners.inside.address=127.0.0.2")
			.run((context) -> assertThat(named(context, "inside").address().getPort()).isEqualTo(7007));
	}

	@Test
	void theSamePortOnTcpAndUdpIsFine() {
		this.runner.withPropertyValues("sockets.echo.tcp.port=9000", "sockets.echo.udp.port=9000")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void aDisabledListenerDoesNotHoldItsPortNorServe() {
		this.runner.withPropertyValues("sockets.time.udp.enabled=false", "sockets.echo.udp.port=7013")
			.run((context) -> assertThat(enabled(context)).extracting((listener) -> listener.id().name())
				.doesNotContain("time-udp"));
	}

	@Test
	void ephemeralPortsNeverClash() {
		this.runner.withPropertyValues("sockets.time.tcp.port=0", "sockets.echo.tcp.port=0", "sockets.chat.tcp.port=0")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(SocketsProperties.class)
	@Import(ListenerConfiguration.class)
	static class Config {

	}

}
