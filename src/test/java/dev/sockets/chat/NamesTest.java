package dev.sockets.chat;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NamesTest {

	private final Names names = new Names(16, 24);

	@Test
	void acceptsIrcStyleNicknames() {
		assertThat(this.names.checkNickname("alice")).isEmpty();
		assertThat(this.names.checkNickname("Bob_2-x")).isEmpty();
		assertThat(this.names.checkNickname("a".repeat(16))).isEmpty();
	}

	@Test
	void rejectsNicknamesThatAreTooLongOrOddlySpelled() {
		assertThat(this.names.checkNickname("a".repeat(17))).isPresent();
		assertThat(this.names.checkNickname("2fast")).isPresent();
		assertThat(this.names.checkNickname("al ice")).isPresent();
		assertThat(this.names.checkNickname("al\u0007ice")).isPresent();
		assertThat(this.names.checkNickname("ålice")).isPresent();
		assertThat(this.names.checkNickname("")).isPresent();
	}

	@Test
	void roomsAreLowerCaseWithAHash() {
		assertThat(this.names.canonicalRoom("Dev")).contains("#dev");
		assertThat(this.names.canonicalRoom("#dev")).contains("#dev");
		assertThat(this.names.canonicalRoom("#")).isEmpty();
		assertThat(this.names.canonicalRoom("##dev")).isEmpty();
		assertThat(this.names.canonicalRoom("x".repeat(25))).isEmpty();
	}

	@Test
	void nicknamesCompareWithoutCase() {
		assertThat(Names.key("Alice")).isEqualTo(Names.key("aLICE"));
	}

}
