package dev.sockets;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import dev.sockets.listener.Listeners;
import dev.sockets.support.ChatUser;
import dev.sockets.support.InstalledProgram;
import dev.sockets.support.LineClient;
import dev.sockets.support.SocketsTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * TCP keepalive as the kernel runs it on the service's connections, read with {@code ss},
 * which shows each socket's running keepalive timer.
 */
@SocketsTest
@TestPropertySource(properties = { "sockets.chat.tcp.keepalive.idle=9s", "sockets.echo.tcp.keepalive.enabled=false" })
class TcpKeepaliveTest {

	private static final Pattern TIMER = Pattern.compile("timer:\\((\\w+),([^,]+),\\d+\\)");

	@Autowired
	Listeners listeners;

	@Test
	void aQuietChatConnectionIsProbedAfterTheConfiguredIdleTime() {
		int port = this.listeners.port("chat-tcp");
		try (ChatUser user = ChatUser.join(port)) {
			Matcher timer = TIMER.matcher(socketOf(port));
			assertThat(timer.find()).as("a timer on the chat connection").isTrue();
			assertThat(timer.group(1)).isEqualTo("keepalive");
			assertThat(seconds(timer.group(2))).isGreaterThan(0).isLessThanOrEqualTo(9);
		}
	}

	@Test
	void aListenerWithKeepaliveOffRunsNoTimer() {
		int port = this.listeners.port("echo-tcp");
		try (LineClient client = LineClient.connect(port)) {
			assertThat(client.send("hello").readLine()).isEqualTo("hello");
			assertThat(socketOf(port)).isNotBlank().doesNotContain("keepalive");
		}
	}

	/**
	 * @return {@code ss}'s line for the server's end of the one connection on a port
	 */
	private static String socketOf(int port) {
		return InstalledProgram.require("ss", "iproute2")
			.runSuccessfully("-tnoH", "state", "established", "( sport = :" + port + " )")
			.strip();
	}

	/**
	 * @param timer as {@code ss} writes it: {@code 8.2sec}, {@code 1min59sec},
	 * {@code 120ms}
	 */
	private static double seconds(String timer) {
		Matcher parts = Pattern.compile("(?:(\\d+)min)?(?:([\\d.]+)sec)?(?:([\\d.]+)ms)?").matcher(timer);
		assertThat(parts.matches()).as(timer).isTrue();
		double seconds = 0;
		if (parts.group(1) != null) {
			seconds += Duration.ofMinutes(Long.parseLong(parts.group(1))).toSeconds();
		}
		if (parts.group(2) != null) {
			seconds += Double.parseDouble(parts.group(2));
		}
		if (parts.group(3) != null) {
			seconds += Double.parseDouble(parts.group(3)) / 1000;
		}
		return seconds;
	}

}
