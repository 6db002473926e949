package dev.sockets.chat;

import java.time.Duration;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Who moderates the chat, and for how long what they decide holds.
 *
 * @param operators the service operators by name: each may {@code /oper} with its
 * password, or its client certificate, and then kick, ban and kill anywhere
 * @param moderation how long bans, mutes and room operators last, and how often
 * {@code /oper} may be tried
 */
@ConfigurationProperties("sockets.chat")
@Validated
public record ModerationProperties(Map<String, Operator> operators, @DefaultValue @Valid Moderation moderation) {

	public ModerationProperties {
		operators = (operators != null) ? Map.copyOf(operators) : Map.of();
	}

	/**
	 * A service operator.
	 *
	 * @param passwordHash the hash of its password, {@code {pbkdf2-sha256}...}; empty for
	 * none
	 * @param certificateSubject the subject of its client certificate (e.g.
	 * {@code CN=alice,O=Example}), for TLS listeners with client authentication; empty
	 * for none
	 */
	public record Operator(String passwordHash, String certificateSubject) {

		public Operator {
			passwordHash = (passwordHash != null) ? passwordHash : "";
			certificateSubject = (certificateSubject != null) ? certificateSubject : "";
		}

	}

	/**
	 * @param banDuration how long a ban lasts
	 * @param muteDuration how long {@code /mute} lasts when no time is given
	 * @param maxMuteDuration the longest mute
	 * @param operatorDuration how long a room operator stays one while in the chat
	 * @param operatorGrace how long a room operator who left the chat stays one, so that
	 * a reconnect (after a rolling update) finds it still one, while its nickname does
	 * not keep the room for whoever takes it later
	 * @param operAttemptsPerMinute {@code /oper} attempts one address may make per
	 * minute, against guessing
	 */
	public record Moderation(@DefaultValue("7d") Duration banDuration, @DefaultValue("10m") Duration muteDuration,
			@DefaultValue("1d") Duration maxMuteDuration, @DefaultValue("7d") Duration operatorDuration,
			@DefaultValue("10m") Duration operatorGrace, @DefaultValue("5") @Min(1) int operAttemptsPerMinute) {

		public static Moderation defaults() {
			return new Moderation(Duration.ofDays(7), Duration.ofMinutes(10), Duration.ofDays(1), Duration.ofDays(7),
					Duration.ofMinutes(10), 5);
		}

	}

}
