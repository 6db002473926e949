package dev.sockets.chat;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The rooms' topics.
 *
 * @param maxLength the longest topic {@code /topic} accepts, in characters
 * @param maxRooms the rooms whose topics are kept at most; beyond it the topic set the
 * longest ago is forgotten
 */
@ConfigurationProperties("sockets.chat.topics")
@Validated
public record TopicProperties(@DefaultValue("300") @Min(1) int maxLength, @DefaultValue("1000") @Min(1) int maxRooms) {

}
