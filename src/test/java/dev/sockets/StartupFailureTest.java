package dev.sockets;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.sockets.support.RecordingResolverProvider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * What an operator reads when the service cannot start: one report naming the property,
 * the value and what is wrong with it.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupFailureTest {

	private static void start(String... args) {
		SpringApplication application = new SpringApplication(SocketsApplication.class);
		application.setAdditionalProfiles("test");
		assertThatException().isThrownBy(() -> application.run(args).close());
	}

	@Test
	void aPortOutOfRangeIsReportedWithItsPropertyAndValue(CapturedOutput output) {
		start("--sockets.echo.tcp.port=70000");
		assertThat(output).contains("APPLICATION FAILED TO START", "Property: sockets.echo.tcp.port",
				"Value: \"70000\"", "Reason: must be less than or equal to 65535");
	}

	@Test
	void theSamePortTwiceIsReportedWithBothProperties(CapturedOutput output) {
		start("--sockets.time.udp.port=9999", "--sockets.echo.udp.port=9999");
		assertThat(output).contains("Property: sockets.echo.udp.port",
				"Reason: UDP port 9999 is already used by sockets.time.udp.port; give each listener its own port");
	}

	@Test
	void aNegativeSizeIsReportedWithItsPropertyAndValue(CapturedOutput output) {
		start("--sockets.chat.tcp.max-line-length=-5B");
		assertThat(output).contains("Property: sockets.chat.tcp.max-line-length", "Value: \"-5B\"",
				"Reason: must be a positive size",
				"Correct sockets.chat.tcp.max-line-length (environment variable SOCKETS_CHAT_TCP_MAXLINELENGTH)");
	}

	@Test
	void aPortInUseNamesTheServiceProtocolAndPort(CapturedOutput output) throws IOException {
		try (ServerSocket taken = new ServerSocket()) {
			taken.bind(new InetSocketAddress("127.0.0.1", 0));
			int port = taken.getLocalPort();
			start("--sockets.chat.tcp.port=" + port);
			assertThat(output).contains("APPLICATION FAILED TO START",
					"The listener chat-tcp (chat over tcp) could not listen on TCP port " + port + " at 127.0.0.1",
					"sockets.chat.tcp.port (environment variable SOCKETS_CHAT_TCP_PORT)");
		}
	}

	@Test
	void aNamedListenerInUseNamesItsOwnProperties(CapturedOutput output) throws IOException {
		try (ServerSocket taken = new ServerSocket()) {
			taken.bind(new InetSocketAddress("127.0.0.1", 0));
			int port = taken.getLocalPort();
			start("--sockets.listeners.chat-tls.service=chat", "--sockets.listeners.chat-tls.port=" + port);
			assertThat(output).contains("The listener chat-tls (chat over tcp) could not listen on TCP port " + port,
					"sockets.listeners.chat-tls.port (environment variable SOCKETS_LISTENERS_CHATTLS_PORT)",
					"sockets.listeners.chat-tls.enabled=false");
		}
	}

	@Test
	void aNamedListenerWithoutAPortIsReportedWithItsProperty(CapturedOutput output) {
		start("--sockets.listeners.daytime.service=time");
		assertThat(output).contains("APPLICATION FAILED TO START", "Property: sockets.listeners.daytime.port",
				"Reason: a listener needs a port (0 for one the system chooses)",
				"Correct sockets.listeners.daytime.port (environment variable SOCKETS_LISTENERS_DAYTIME_PORT)");
	}

	@Test
	void twoListenersOnOnePortAreReportedWithBothProperties(CapturedOutput output) {
		start("--sockets.time.tcp.port=9013", "--sockets.listeners.daytime.service=time",
				"--sockets.listeners.daytime.port=9013", "--sockets.listeners.daytime.time-format=rfc-867");
		assertThat(output).contains("Property: sockets.listeners.daytime.port", "Value: \"9013\"",
				"Reason: TCP port 9013 is already used by sockets.time.tcp.port; give each listener its own port");
	}

	@Test
	void aMisspeltSettingOfANamedListenerIsReported(CapturedOutput output) {
		start("--sockets.listeners.daytime.service=time", "--sockets.listeners.daytime.port=0",
				"--sockets.listeners.daytime.time-formt=rfc-867");
		assertThat(output).contains("APPLICATION FAILED TO START", "sockets.listeners.daytime.time-formt");
	}

	@Test
	void anAllowEntryThatIsAHostNameIsRefusedWithoutLookingItUp(CapturedOutput output) {
		for (String name : new String[] { "cafe.de", "cafe", "dead.beef" }) {
			start("--sockets.echo.tcp.allow=10.0.0.0/8," + name);
			assertThat(output).contains("APPLICATION FAILED TO START", "sockets.echo.tcp.allow",
					"'" + name + "' is not an IP address or CIDR range");
		}
		assertThat(RecordingResolverProvider.lookups()).doesNotContain("cafe.de", "cafe", "dead.beef");
	}

	@Test
	void zeroFloodSizesAreRefusedNamingTheProperty(CapturedOutput output) {
		start("--sockets.chat.flood.bytes-per-second=0", "--sockets.chat.flood.byte-burst=0B");
		assertThat(output).contains("Property: sockets.chat.flood.bytes-per-second",
				"Property: sockets.chat.flood.byte-burst", "Reason: must be a positive size");
	}

}
