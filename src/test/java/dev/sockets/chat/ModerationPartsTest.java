package dev.sockets.chat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.sockets.chat.ChatCommand.Invalid;
import dev.sockets.chat.ChatCommand.Moderate;
import dev.sockets.limits.IpAddresses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The plain parts of moderation: its commands as typed, ban masks, password hashes, and
 * times in words.
 */
class ModerationPartsTest {

	@Test
	void commandsMayNameARoomFirst() {
		assertThat(ChatCommand.parse("/kick bob too loud")).isEqualTo(new Moderate.Kick(null, "bob", "too loud"));
		assertThat(ChatCommand.parse("/kick #dev bob")).isEqualTo(new Moderate.Kick("#dev", "bob", ""));
		assertThat(ChatCommand.parse("/ban 10.0.0.0/8 spam"))
			.isEqualTo(new Moderate.Ban(null, "10.0.0.0/8", "spam", true));
		assertThat(ChatCommand.parse("/unban #dev bob")).isEqualTo(new Moderate.Ban("#dev", "bob", "", false));
		assertThat(ChatCommand.parse("/op bob")).isEqualTo(new Moderate.Op(null, "bob", true));
		assertThat(ChatCommand.parse("/deop #dev bob")).isEqualTo(new Moderate.Op("#dev", "bob", false));
		assertThat(ChatCommand.parse("/bans")).isEqualTo(new Moderate.BanList(null));
		assertThat(ChatCommand.parse("/ops #dev")).isEqualTo(new Moderate.OperatorList("#dev"));
		assertThat(ChatCommand.parse("/oper root pw")).isEqualTo(new Moderate.Oper("root", "pw"));
		assertThat(ChatCommand.parse("/oper root")).isEqualTo(new Moderate.Oper("root", ""));
		assertThat(ChatCommand.parse("/kill bob bye now")).isEqualTo(new Moderate.Kill("bob", "bye now"));
	}

	@Test
	void aMuteTakesATimeInSecondsMinutesHoursOrDays() {
		assertThat(ChatCommand.parse("/mute bob")).isEqualTo(new Moderate.Mute(null, "bob", null, true));
		assertThat(ChatCommand.parse("/mute bob 30s"))
			.isEqualTo(new Moderate.Mute(null, "bob", Duration.ofSeconds(30), true));
		assertThat(ChatCommand.parse("/mute #dev bob 15"))
			.isEqualTo(new Moderate.Mute("#dev", "bob", Duration.ofMinutes(15), true));
		assertThat(ChatCommand.parse("/mute bob 2h"))
			.isEqualTo(new Moderate.Mute(null, "bob", Duration.ofHours(2), true));
		assertThat(ChatCommand.parse("/mute bob soon")).isInstanceOf(Invalid.class);
		assertThat(ChatCommand.parse("/mute bob 0")).isInstanceOf(Invalid.class);
		assertThat(ChatCommand.parse("/unmute bob")).isEqualTo(new Moderate.Mute(null, "bob", null, false));
	}

	@Test
	void wrongUsageIsExplained() {
		assertThat(ChatCommand.parse("/kick")).isEqualTo(new Invalid("usage: /kick [#ROOM] NICK [reason]"));
		assertThat(ChatCommand.parse("/op a b")).isEqualTo(new Invalid("usage: /op [#ROOM] NICK"));
		assertThat(ChatCommand.parse("/oper")).isEqualTo(new Invalid("usage: /oper NAME [PASSWORD]"));
		assertThat(ChatCommand.parse("/oper a b c")).isEqualTo(new Invalid("usage: /oper NAME [PASSWORD]"));
	}

	@Test
	void aMaskIsANicknameAnAddressOrARange() {
		BanMask nickname = BanMask.parse("Bob").orElseThrow();
		assertThat(nickname.matches("BOB", null)).isTrue();
		assertThat(nickname.matches("bobby", null)).isFalse();
		BanMask range = BanMask.parse("192.0.2.0/25").orElseThrow();
		assertThat(range.matches("anyone", IpAddresses.parse("192.0.2.127"))).isTrue();
		assertThat(range.matches("anyone", IpAddresses.parse("192.0.2.128"))).isFalse();
		assertThat(range.matches("anyone", IpAddresses.parse("::ffff:192.0.2.1"))).isTrue();
		assertThat(range.matches("anyone", null)).isFalse();
		assertThat(BanMask.parse("2001:DB8::/32").orElseThrow().text()).isEqualTo("2001:db8::/32");
		assertThat(BanMask.parse("bob!*@*")).isEmpty();
		assertThat(BanMask.parse("10.0.0.0/33")).isEmpty();
	}

	@Test
	void aPasswordHashMadeByOpensslIsRead() {
		// salt=000102030405060708090a0b0c0d0e0f; openssl kdf -keylen 32 -kdfopt
		// digest:SHA256
		// -kdfopt pass:secret -kdfopt hexsalt:$salt -kdfopt iter:1000 PBKDF2
		// prints, which PBKDF2WithHmacSHA256 computes too:
		String openssl = "4E:FB:2B:BB:6D:2E:B5:8E:A8:DE:AE:D5:44:17:AE:2F:D8:7F:D5:0A:8A:85:68:70:93:63:DA:60:D4:56:06:06";
		PasswordHash read = PasswordHash.parse("{pbkdf2-sha256}1000$000102030405060708090a0b0c0d0e0f$" + openssl);
		assertThat(read.matches("secret")).isTrue();
		assertThat(read.matches("Secret")).isFalse();
		assertThat(read.matches("")).isFalse();
	}

	@Test
	void aPasswordHashThatIsNotOneIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> PasswordHash.parse("secret"))
			.withMessageContaining("{pbkdf2-sha256}ITERATIONS$SALT$HASH");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PasswordHash.parse("{pbkdf2-sha256}10$00112233445566778899$"
					+ "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"))
			.withMessageContaining("at least 1000 iterations");
		assertThatIllegalArgumentException()
			.isThrownBy(
					() -> new ServiceOperators(java.util.Map.of("root", new ModerationProperties.Operator("", "")), 5))
			.withMessage("sockets.chat.operators.root: needs a password-hash or a certificate-subject");
	}

	@Test
	void timesAreInWords() {
		assertThat(Moderation.lasting(500)).isEqualTo("1 second");
		assertThat(Moderation.lasting(45_000)).isEqualTo("45 seconds");
		assertThat(Moderation.lasting(61_000)).isEqualTo("2 minutes");
		assertThat(Moderation.lasting(Duration.ofMinutes(60).toMillis())).isEqualTo("1 hour");
		assertThat(Moderation.lasting(Duration.ofDays(7).toMillis())).isEqualTo("7 days");
	}

}
