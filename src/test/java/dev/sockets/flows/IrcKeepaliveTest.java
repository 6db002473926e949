package dev.sockets.flows;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.context.TestPropertySource;

import dev.sockets.listener.Listeners;
import dev.sockets.support.Actuator;
import dev.sockets.support.IrcUser;
import dev.sockets.support.LineClient;
import dev.sockets.support.Scrape;
import dev.sockets.support.SocketsTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An IRC listener does not cut a quiet client that still answers: it pings it, and closes
 * only one that stops answering, as IRC servers do.
 */
@SocketsTest
@TestPropertySource(properties = "sockets.chat.irc.idle-timeout=1s")
class IrcKeepaliveTest {

	@Autowired
	Listeners listeners;

	@LocalManagementPort
	int managementPort;

	@Test
	void aClientThatStopsAnsweringIsClosedAndOneThatAnswersStays() {
		int port = this.listeners.port("chat-irc");
		Actuator actuator = new Actuator(this.managementPort);
		Scrape before = actuator.scrape();
		try (IrcUser awake = IrcUser.connect("awake", port); LineClient asleep = LineClient.connect(port)) {
			awake.join("#lobby");
			asleep.send("NICK asleep").send("USER a 0 * :A").send("JOIN #lobby");
			asleep.readLineStartingWith(":sockets.local 366 asleep #lobby");
			// The library answers every ping: quiet for three timeouts and more, it
			// stays.
			for (int i = 0; i < 3; i++) {
				awake.awaitLine((line) -> line.startsWith("PING "));
			}
			assertThat(asleep.readLineStartingWith("PING ")).isEqualTo("PING :chat-irc");
			assertThat(asleep.readLineStartingWith("ERROR ")).isEqualTo("ERROR :Ping timeout: 1 seconds");
			asleep.assertClosedByServer();
			awake.awaitEvent("quit asleep Ping timeout");
			awake.raw("WHOIS awake");
			awake.awaitEventStartingWith("numeric 311 awake awake");
		}
		actuator.awaitIncrease(before, "sockets_connections_closed_total", 1, "listener", "chat-irc", "reason",
				"ping_timeout");
	}

}
