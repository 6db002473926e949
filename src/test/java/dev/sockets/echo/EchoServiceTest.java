package dev.sockets.echo;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EchoServiceTest {

	@Test
	void repliesWithTheLineUnchangedByDefault() {
		assertThat(new EchoService("", "").reply("hello")).isEqualTo("hello");
	}

	@Test
	void prefixesRepliesAsTheTutorialServerDoes() {
		assertThat(new EchoService("", "OK...").reply("how are you")).isEqualTo("OK...how are you");
	}

	@Test
	void returnsBytesUnchangedInWhatHeldThem() {
		byte[] data = { 0, (byte) 0xFF, '\n', 7 };
		assertThat(new EchoService("", "OK...").replyBytes(data)).isSameAs(data).containsExactly(0, 0xFF, '\n', 7);
	}

	@Test
	void greetsOnlyWhenConfigured() {
		assertThat(new EchoService("", "").greeting()).isEmpty();
		assertThat(new EchoService("Welcome", "").greeting()).contains("Welcome");
	}

}
