package dev.sockets.flows;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.context.TestPropertySource;

import dev.sockets.listener.Listeners;
import dev.sockets.support.Actuator;
import dev.sockets.support.ChatUser;
import dev.sockets.support.IrcUser;
import dev.sockets.support.LineClient;
import dev.sockets.support.Scrape;
import dev.sockets.support.SocketsTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every mistake an IRC client can make is answered with its numeric, with the parameters
 * IRC gives it, and the connection goes on: from a real client (Kitteh IRC Client
 * Library) once registered, and from a raw socket before, where no client library lets a
 * test be wrong.
 */
@SocketsTest
@TestPropertySource(properties = { "sockets.chat.flood.message-burst=1000",
		"sockets.listeners.chat-locked.service=chat", "sockets.listeners.chat-locked.dialect=irc",
		"sockets.listeners.chat-locked.port=0", "sockets.listeners.chat-locked.password=open sesame" })
class IrcNumericsTest {

	@Autowired
	Listeners listeners;

	@LocalManagementPort
	int managementPort;

	private int ircPort() {
		return this.listeners.port("chat-irc");
	}

	@Test
	void beforeRegistrationCommandsWaitAndANicknameCanBeRetried() {
		try (ChatUser holder = ChatUser.join(this.listeners.port("chat-tcp"));
				LineClient client = LineClient.connect(ircPort())) {
			holder.say("/nick holder");
			holder.client().readLineStartingWith("* " + holder.nickname() + " is now known as holder");
			assertThat(client.send("JOIN #lobby").readLine())
				.isEqualTo(":sockets.local 451 * :You have not registered");
			assertThat(client.send("NICK").readLine()).isEqualTo(":sockets.local 431 * :No nickname given");
			assertThat(client.send("NICK 9lives").readLine())
				.startsWith(":sockets.local 432 * 9lives :Erroneous nickname");
			assertThat(client.send("NICK HOLDER").readLine())
				.isEqualTo(":sockets.local 433 * HOLDER :Nickname is already in use");
			assertThat(client.send("USER me 0 *").readLine())
				.isEqualTo(":sockets.local 461 * USER :Not enough parameters");
			client.send("USER me 0 * :Me Myself");
			client.send("NICK retried");
			assertThat(client.readLine()).isEqualTo(
					":sockets.local 001 retried :Welcome to the sockets IRC Network, retried!retried@sockets.local");
			assertThat(client.readLineStartingWith(":sockets.local 005 retried ")).contains("CHANTYPES=#", "NICKLEN=16",
					"CHANNELLEN=25", "CASEMAPPING=ascii", "PREFIX=(o)@", "CHANMODES=b,,,", "NETWORK=sockets");
			assertThat(client.readLine()).matches(":sockets.local (375|422) retried .*");
			assertThat(client.send("USER again 0 * :Again").readLineStartingWith(":sockets.local 462"))
				.isEqualTo(":sockets.local 462 retried :You may not reregister");
		}
	}

	@Test
	void capabilityNegotiationHoldsRegistrationUntilItEndsAndOffersNothing() {
		try (LineClient client = LineClient.connect(ircPort())) {
			assertThat(client.send("CAP LS 302").readLine()).isEqualTo(":sockets.local CAP * LS :");
			client.send("PASS ignored-without-a-password").send("NICK capable").send("USER c 0 * :C");
			assertThat(client.send("CAP REQ :multi-prefix sasl").readLine())
				.isEqualTo(":sockets.local CAP * NAK :multi-prefix sasl");
			// Nothing yet: the welcome waits for the end of the negotiation.
			assertThat(client.send("PING :before-end").readLine())
				.isEqualTo(":sockets.local PONG sockets.local :before-end");
			client.send("CAP END");
			assertThat(client.readLine()).startsWith(":sockets.local 001 capable :Welcome");
		}
	}

	@Test
	void aListenerWithAPasswordAdmitsOnlyClientsThatGiveIt() {
		int port = this.listeners.port("chat-locked");
		try (LineClient wrong = LineClient.connect(port); LineClient right = LineClient.connect(port)) {
			wrong.send("PASS guess").send("NICK guesser").send("USER g 0 * :G");
			assertThat(wrong.readLine()).isEqualTo(":sockets.local 464 * :Password incorrect");
			assertThat(wrong.readLine()).isEqualTo("ERROR :Closing Link: * (Password incorrect)");
			wrong.assertClosedByServer();
			right.send("PASS :open sesame").send("NICK insider").send("USER i 0 * :I");
			assertThat(right.readLine()).startsWith(":sockets.local 001 insider ");
		}
	}

	@Test
	void anIrcUserJoinsSeveralChannelsAtOnceAndGetsTheNamesOfEach() {
		try (ChatUser line = ChatUser.join(this.listeners.port("chat-tcp"));
				LineClient client = LineClient.connect(ircPort())) {
			client.send("NICK several").send("USER s 0 * :S");
			client.readLineStartingWith(":sockets.local 001 ");
			client.send("JOIN #lobby,#second");
			assertThat(client.readLineStartingWith(":several!"))
				.isEqualTo(":several!several@sockets.local JOIN #lobby");
			assertThat(client.readLine()).isEqualTo(":sockets.local 353 several = #lobby :several " + line.nickname());
			assertThat(client.readLine()).isEqualTo(":sockets.local 366 several #lobby :End of /NAMES list");
			assertThat(client.readLine()).isEqualTo(":several!several@sockets.local JOIN #second");
			// Whoever creates a room operates it.
			assertThat(client.readLine()).isEqualTo(":sockets.local 353 several = #second :@several");
			assertThat(client.readLine()).isEqualTo(":sockets.local 366 several #second :End of /NAMES list");
			assertThat(line.client().readLineStartingWith("* several")).isEqualTo("* several joined #lobby");
		}
	}

	@Test
	void aLineTooLongIsAnsweredCountedAndTheConnectionGoesOn() {
		Actuator actuator = new Actuator(this.managementPort);
		Scrape before = actuator.scrape();
		try (LineClient client = LineClient.connect(ircPort())) {
			client.send("NICK longwinded").send("USER l 0 * :L");
			client.readLineStartingWith(":sockets.local 001 ");
			client.send("PRIVMSG #lobby :" + "x".repeat(600));
			assertThat(client.readLineStartingWith(":sockets.local 417"))
				.isEqualTo(":sockets.local 417 longwinded :Input line was too long");
			assertThat(client.send("PING :still-here").readLine())
				.isEqualTo(":sockets.local PONG sockets.local :still-here");
		}
		actuator.awaitIncrease(before, "sockets_messages_too_long_total", 1, "listener", "chat-irc");
	}

	@Test
	void aRegisteredClientsMistakesAreEachAnsweredWithTheirNumeric() {
		try (ChatUser line = ChatUser.join(this.listeners.port("chat-tcp"));
				IrcUser erin = IrcUser.connect("erin", ircPort())) {
			line.say("/nick taken");
			line.client().readLineStartingWith("* " + line.nickname() + " is now known as taken");
			erin.raw("PRIVMSG nobody :hi");
			erin.awaitEvent("numeric 401 erin nobody No such nick/channel");
			erin.raw("PART #nowhere");
			erin.awaitEvent("numeric 403 erin #nowhere No such channel");
			erin.raw("JOIN #bad!name");
			erin.awaitEventStartingWith("numeric 403 erin #bad!name No such channel: room name must be");
			erin.raw("PRIVMSG #lobby :not in it");
			erin.awaitEvent("numeric 404 erin #lobby Cannot send to channel");
			erin.raw("PRIVMSG");
			erin.awaitEvent("numeric 411 erin No recipient given (PRIVMSG)");
			erin.raw("PRIVMSG taken");
			erin.awaitEvent("numeric 412 erin No text to send");
			erin.raw("FROBNICATE now");
			erin.awaitEvent("numeric 421 erin FROBNICATE Unknown command");
			erin.raw("NICK");
			erin.awaitEvent("numeric 431 erin No nickname given");
			erin.raw("NICK 9lives");
			erin.awaitEventStartingWith("numeric 432 erin 9lives Erroneous nickname");
			erin.raw("NICK Taken");
			erin.awaitEvent("numeric 433 erin Taken Nickname is already in use");
			erin.raw("PART #lobby");
			erin.awaitEvent("numeric 442 erin #lobby You're not on that channel");
			erin.raw("JOIN");
			erin.awaitEvent("numeric 461 erin JOIN Not enough parameters");
			// Still in the chat, and still erin.
			erin.join("#lobby");
			assertThat(line.client().readLineStartingWith("* erin")).isEqualTo("* erin joined #lobby");
			assertThat(line.who()).isEqualTo("* In #lobby: taken, erin");
		}
	}

	@Test
	void queriesAreAnsweredAcrossDialects() {
		try (ChatUser line = ChatUser.join(this.listeners.port("chat-tcp"));
				IrcUser fred = IrcUser.connect("fred", ircPort())) {
			fred.raw("WHOIS " + line.nickname());
			fred.awaitEventStartingWith("numeric 319 fred " + line.nickname() + " #lobby");
			fred.awaitEventStartingWith("numeric 318 fred " + line.nickname());
			fred.raw("ISON " + line.nickname() + " nobody fred");
			fred.awaitEvent("numeric 303 fred " + line.nickname() + " fred");
			fred.raw("USERHOST fred");
			fred.awaitEvent("numeric 302 fred fred=+fred@sockets.local");
			fred.raw("WHO #lobby");
			fred.awaitEventStartingWith("numeric 352 fred #lobby " + line.nickname());
			fred.awaitEvent("numeric 315 fred #lobby End of WHO list");
			fred.raw("LIST");
			fred.awaitEventStartingWith("numeric 322 fred #lobby ");
			fred.awaitEvent("numeric 323 fred End of /LIST");
			fred.raw("TOPIC #lobby");
			fred.awaitEvent("numeric 442 fred #lobby You're not on that channel");
			fred.raw("MODE #lobby");
			fred.awaitEvent("numeric 324 fred #lobby +");
			fred.raw("MODE fred");
			fred.awaitEvent("numeric 221 fred +");
			fred.raw("AWAY :lunch");
			fred.awaitEvent("numeric 306 fred You have been marked as being away");
			line.say("/msg fred are you there?");
			fred.awaitEvent("private " + line.nickname() + " are you there?");
			assertThat(line.client().readLineStartingWith("* fred")).isEqualTo("* fred is away: lunch");
			fred.raw("AWAY");
			fred.awaitEvent("numeric 305 fred You are no longer marked as being away");
			fred.join("#lobby");
			line.client().readLineStartingWith("* fred joined");
			assertThat(line.say("/rooms").read()).isEqualTo("* Rooms: #lobby (2)");
		}
	}

}
