package dev.sockets.observability;

import java.util.Locale;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import dev.sockets.chat.ChatService;
import dev.sockets.chat.ModerationAction;
import dev.sockets.chat.ModerationCounts;
import dev.sockets.config.ChatDialect;

/**
 * What the chat itself knows: who is in it, in how many rooms, and how much was said.
 */
final class ChatMeters implements MeterBinder {

	private final ChatService chat;

	ChatMeters(ChatService chat) {
		this.chat = chat;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (ChatDialect dialect : ChatDialect.values()) {
			Gauge.builder("sockets.chat.users", this.chat, (chat) -> chat.users(dialect))
				.description("Chat users connected, by the dialect they speak (line or irc)")
				.tag("dialect", dialect.name().toLowerCase(Locale.ROOT))
				.register(registry);
		}
		Gauge.builder("sockets.chat.rooms", this.chat, ChatService::rooms)
			.description("Chat rooms, the default room included")
			.register(registry);
		FunctionCounter.builder("sockets.chat.messages.broadcast", this.chat, ChatService::messagesBroadcast)
			.description("Lines said to a room (each is delivered to every other member)")
			.register(registry);
		FunctionCounter.builder("sockets.chat.flood.dropped", this.chat, ChatService::floodDropped)
			.description("Lines dropped by flood control")
			.register(registry);
		FunctionCounter.builder("sockets.chat.flood.disconnects", this.chat, ChatService::floodDisconnects)
			.description("Users disconnected by flood control")
			.register(registry);
		ModerationCounts moderation = this.chat.moderationCounts();
		for (ModerationAction action : ModerationAction.values()) {
			for (ModerationAction.Outcome outcome : ModerationAction.Outcome.values()) {
				if (happens(action, outcome)) {
					FunctionCounter
						.builder("sockets.chat.moderation", moderation, (counts) -> counts.count(action, outcome))
						.description(
								"Moderation actions by what was asked and how it ended; enforced: a banned or muted user's join or line refused")
						.tag("action", action.name().toLowerCase(Locale.ROOT))
						.tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
						.register(registry);
				}
			}
		}
	}

	private static boolean happens(ModerationAction action, ModerationAction.Outcome outcome) {
		return switch (outcome) {
			case ENFORCED -> action == ModerationAction.BAN || action == ModerationAction.MUTE;
			case THROTTLED -> action == ModerationAction.OPER;
			case LIMITED -> action == ModerationAction.BAN || action == ModerationAction.OP;
			case INVALID -> action != ModerationAction.OPER;
			case DONE, REFUSED -> true;
		};
	}

}
