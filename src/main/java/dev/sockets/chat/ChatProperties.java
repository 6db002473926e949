package dev.sockets.chat;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import dev.sockets.config.PositiveSize;

/**
 * How the chat greets people and what names it accepts.
 *
 * @param greeting first line a client sees on connect, after {@code * }; empty for none
 * @param defaultRoom room every client joins on connect, without the leading {@code #}
 * @param guestPrefix prefix of the nickname assigned on connect, followed by a number
 * @param maxNicknameLength longest nickname {@code /nick} accepts, in characters
 * @param maxRoomNameLength longest room name {@code /join} accepts, in characters without
 * the {@code #}
 * @param maxAnnouncedRoomSize joins, departures and nickname changes are not announced to
 * more members on this instance than this, which in a room of 10,000 filling up would be
 * 50 million notices; 0 for no limit
 * @param flood how much one user may send before being told to slow down, and then
 * disconnected
 * @param cluster whether the chat spans several instances: {@code none} for this instance
 * alone, {@code redis} for every instance connected to the same Redis
 * ({@code spring.data.redis.*})
 * @param serverName the server's name on IRC, a host name with a {@code .} in it: the
 * prefix of its replies, and the host shown for every user (no client's address is shown)
 * @param network the network's name on IRC, which clients show and some use to tell
 * networks apart; the same on every instance of a cluster
 */
@ConfigurationProperties("sockets.chat")
@Validated
public record ChatProperties(@DefaultValue("Welcome to chat.") String greeting,
		@DefaultValue("lobby") @Pattern(regexp = Names.ROOM_CHARS,
				message = "must be letters, digits, '-' or '_'") String defaultRoom,
		@DefaultValue("guest") @Pattern(regexp = Names.NICKNAME_CHARS,
				message = "must start with a letter, then letters, digits, '-' or '_'") String guestPrefix,
		@DefaultValue("16") @Min(1) @Max(64) int maxNicknameLength,
		@DefaultValue("24") @Min(1) @Max(64) int maxRoomNameLength, @DefaultValue("0") @Min(0) int maxAnnouncedRoomSize,
		@DefaultValue @Valid Flood flood, @DefaultValue("none") Cluster cluster,
		@DefaultValue("sockets.local") @Pattern(regexp = "[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+",
				message = "must be a host name with a '.' in it (IRC clients tell a server from a user by it)") String serverName,
		@DefaultValue("sockets") @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]*",
				message = "must be letters, digits, '.', '-' or '_'") String network) {

	/**
	 * What a chat spans.
	 */
	public enum Cluster {

		/** This instance alone. */
		NONE,

		/** Every instance connected to the same Redis. */
		REDIS

	}

	/**
	 * Flood control: a token bucket per user for lines and one for bytes. A line over
	 * either is dropped; the first one dropped in a row gets {@code ERR slow down}.
	 *
	 * @param messagesPerSecond lines a user may send per second, sustained
	 * @param messageBurst lines a user may send at once
	 * @param bytesPerSecond bytes a user may send per second, sustained
	 * @param byteBurst bytes a user may send at once
	 * @param disconnectAfter lines dropped in a row after which the user is disconnected;
	 * 0 for never
	 */
	public record Flood(@DefaultValue("5") @Positive double messagesPerSecond,
			@DefaultValue("10") @Min(1) int messageBurst, @DefaultValue("2KB") @PositiveSize DataSize bytesPerSecond,
			@DefaultValue("16KB") @PositiveSize DataSize byteBurst, @DefaultValue("20") @Min(0) int disconnectAfter) {

		/**
		 * @return flood control generous enough to never apply in practice
		 */
		public static Flood unlimited() {
			return new Flood(1e9, Integer.MAX_VALUE, DataSize.ofGigabytes(1), DataSize.ofGigabytes(1), 0);
		}

	}

}
