package dev.sockets.chat;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the chat greets people and what names it accepts.
 *
 * @param greeting first line a client sees on connect, after {@code * }; empty for none
 * @param defaultRoom room every client joins on connect, without the leading {@code #}
 * @param guestPrefix prefix of the nickname assigned on connect, followed by a number
 * @param maxNicknameLength longest nickname {@code /nick} accepts, in characters
 * @param maxRoomNameLength longest room name {@code /join} accepts, in characters without the {@code #}
 */
@ConfigurationProperties("sockets.chat")
@Validated
public record ChatProperties(
		@DefaultValue("Welcome to chat.") String greeting,
		@DefaultValue("lobby") @Pattern(regexp = Names.ROOM_CHARS, message = "must be letters, digits, '-' or '_'") String defaultRoom,
		@DefaultValue("guest") @Pattern(regexp = Names.NICKNAME_CHARS, message = "must start with a letter, then letters, digits, '-' or '_'") String guestPrefix,
		@DefaultValue("16") @Min(1) @Max(64) int maxNicknameLength,
		@DefaultValue("24") @Min(1) @Max(64) int maxRoomNameLength) {
}
