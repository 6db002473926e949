package dev.sockets.chat;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What the chat keeps of what was said in its rooms, to replay to those who join.
 *
 * @param lines the last lines of a room replayed to a user who joins it; 0 turns history
 * off
 * @param maxAge how long a line is kept for replaying
 * @param maxRooms the rooms whose lines are kept at most; beyond it the room whose last
 * line is the oldest is forgotten
 * @param maxLineLength the longest line kept, in characters; a longer one is kept cut,
 * ending with {@code [...]}
 * @param recallTimeout how long a joining user's history may take to come from Redis
 * before the user is told it is unavailable, and joins without it
 */
@ConfigurationProperties("sockets.chat.history")
@Validated
public record HistoryProperties(@DefaultValue("20") @Min(0) @Max(1000) int lines, @DefaultValue("1h") Duration maxAge,
		@DefaultValue("500") @Min(1) int maxRooms, @DefaultValue("1024") @Min(16) int maxLineLength,
		@DefaultValue("1s") Duration recallTimeout) {

	/**
	 * @return whether anything is kept
	 */
	public boolean enabled() {
		return this.lines > 0 && !this.maxAge.isZero() && !this.maxAge.isNegative();
	}

}
