package dev.sockets.chat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.LongSupplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.sockets.chat.ChatEvent.Moderated.Change;
import dev.sockets.chat.ModerationAction.Outcome;

/**
 * What moderation holds: each room's operators, bans and mutes, until they end, and the
 * service operators. Every change is kept in the store and handed back as the event that
 * tells the other instances; theirs are {@linkplain #apply applied} here. Called with the
 * chat's lock held, like the chat's own state.
 * <p>
 * Every action is counted, and those of moderators logged to
 * {@code dev.sockets.chat.audit} with who did what, to whom, where.
 */
final class Moderation {

	private static final Log audit = LogFactory.getLog("dev.sockets.chat.audit");

	/**
	 * Bans one room may have: what anyone who creates a room may add to every instance's
	 * memory and to Redis is bounded.
	 */
	static final int MAX_BANS_PER_ROOM = 100;

	/**
	 * Rooms one user may operate by creating them, so that a user creating room after
	 * room does not leave an operator behind for each.
	 */
	static final int MAX_ROOMS_CREATED = 32;

	private final RoomOperators operators = new RoomOperators();

	private final Bans bans = new Bans();

	private final Mutes mutes = new Mutes();

	private final ServiceOperators serviceOperators;

	private final ModerationStore store;

	private final ModerationProperties.Moderation settings;

	/** The time in epoch milliseconds, which every instance shares. */
	private final LongSupplier wallClock;

	private final ModerationCounts counts = new ModerationCounts();

	Moderation(ModerationProperties properties, ModerationStore store, LongSupplier wallClock) {
		this.settings = properties.moderation();
		this.serviceOperators = new ServiceOperators(properties.operators(), this.settings.operAttemptsPerMinute());
		this.store = store;
		this.wallClock = wallClock;
	}

	static Moderation none() {
		return new Moderation(new ModerationProperties(null, ModerationProperties.Moderation.defaults()),
				ModerationStore.NONE, System::currentTimeMillis);
	}

	ServiceOperators serviceOperators() {
		return this.serviceOperators;
	}

	ModerationCounts counts() {
		return this.counts;
	}

	ModerationProperties.Moderation settings() {
		return this.settings;
	}

	long now() {
		return this.wallClock.getAsLong();
	}

	boolean isOperator(String room, String nickname) {
		return this.operators.isOperator(room, nickname, now());
	}

	List<String> operatorsOf(String room) {
		return this.operators.in(room, now()).stream().map(Restriction::subject).toList();
	}

	Optional<Restriction> banned(String room, String nickname, Peer peer) {
		return this.bans.banned(room, nickname, BanMask.address(peer), now());
	}

	Optional<Restriction> muted(String room, String nickname) {
		return this.mutes.muted(room, nickname, now());
	}

	List<Restriction> bans(String room) {
		return this.bans.in(room, now());
	}

	ChatEvent.Moderated grantOperator(String room, String nickname, String actor) {
		return change(
				RoomOperators.operator(room, nickname, actor, now() + this.settings.operatorDuration().toMillis()),
				Change.ADDED, actor);
	}

	/**
	 * The creator of a room operates it; nobody need be told, the creator being alone in
	 * it.
	 */
	ChatEvent.Moderated createdBy(String room, String nickname) {
		return change(RoomOperators.operator(room, nickname, "", now() + this.settings.operatorDuration().toMillis()),
				Change.RENEWED, "");
	}

	Optional<ChatEvent.Moderated> revokeOperator(String room, String nickname, String actor) {
		return this.operators.in(room, now())
			.stream()
			.filter((operator) -> operator.subject().equals(Names.key(nickname)))
			.findFirst()
			.map((operator) -> change(operator, Change.REMOVED, actor));
	}

	ChatEvent.Moderated ban(String room, BanMask mask, String actor, String reason) {
		return change(Bans.ban(room, mask, actor, reason, now() + this.settings.banDuration().toMillis()), Change.ADDED,
				actor);
	}

	/**
	 * @return whether a ban on the mask fits in the room: it has fewer than the most, or
	 * has the mask banned already
	 */
	boolean mayBan(String room, BanMask mask) {
		return this.bans.in(room, now()).size() < MAX_BANS_PER_ROOM || this.bans.find(room, mask, now()).isPresent();
	}

	/**
	 * @return whether a user who creates a room operates it: it operates fewer rooms than
	 * the most
	 */
	boolean mayCreate(String nickname) {
		return this.operators.held(nickname, now()).size() < MAX_ROOMS_CREATED;
	}

	Optional<ChatEvent.Moderated> unban(String room, BanMask mask, String actor) {
		return this.bans.find(room, mask, now()).map((ban) -> change(ban, Change.REMOVED, actor));
	}

	/**
	 * @param duration for how long; null for the configured default
	 */
	ChatEvent.Moderated mute(String room, String nickname, String actor, Duration duration) {
		Duration time = (duration != null) ? duration : this.settings.muteDuration();
		if (time.compareTo(this.settings.maxMuteDuration()) > 0) {
			time = this.settings.maxMuteDuration();
		}
		return change(Mutes.mute(room, nickname, actor, "", now() + time.toMillis()), Change.ADDED, actor);
	}

	Optional<ChatEvent.Moderated> unmute(String room, String nickname, String actor) {
		return this.mutes.muted(room, nickname, now()).map((mute) -> change(mute, Change.REMOVED, actor));
	}

	/**
	 * A user renamed: the rooms it operates and its mutes go with the new name, so that a
	 * rename neither loses the one nor escapes the other.
	 */
	List<ChatEvent.Moderated> renamed(String from, String to) {
		long now = now();
		List<ChatEvent.Moderated> changes = new ArrayList<>();
		List<Restriction> held = new ArrayList<>(this.operators.held(from, now));
		held.addAll(this.mutes.held(from, now));
		for (Restriction restriction : held) {
			changes.add(change(restriction, Change.FORGOTTEN, ""));
			changes.add(change(new Restriction(restriction.kind(), restriction.room(), to, restriction.by(),
					restriction.reason(), restriction.until()), Change.RENEWED, ""));
		}
		return changes;
	}

	/**
	 * A user left the chat: the rooms it operates stay its own for the grace period only,
	 * so that its nickname, once free, does not carry them to whoever takes it.
	 */
	List<ChatEvent.Moderated> departed(String nickname) {
		long until = now() + this.settings.operatorGrace().toMillis();
		List<ChatEvent.Moderated> changes = new ArrayList<>();
		for (Restriction operator : this.operators.held(nickname, now())) {
			if (operator.until() > until) {
				changes.add(change(operator.until(until), Change.RENEWED, ""));
			}
		}
		return changes;
	}

	/**
	 * A user is in the chat (again): the rooms it operates are its own for the full time
	 * again.
	 */
	List<ChatEvent.Moderated> arrived(String nickname) {
		long now = now();
		long grace = now + this.settings.operatorGrace().toMillis();
		List<ChatEvent.Moderated> changes = new ArrayList<>();
		for (Restriction operator : this.operators.held(nickname, now)) {
			if (operator.until() <= grace) {
				changes
					.add(change(operator.until(now + this.settings.operatorDuration().toMillis()), Change.RENEWED, ""));
			}
		}
		return changes;
	}

	/**
	 * Another instance decided something: held here too; it has stored it.
	 */
	void apply(ChatEvent.Moderated moderated) {
		hold(moderated.restriction(), moderated.change().holds());
	}

	/**
	 * Takes what the store holds, as an instance joining a cluster, in place of what was
	 * held here.
	 */
	void restore(List<Restriction> stored) {
		this.operators.clear();
		this.bans.clear();
		this.mutes.clear();
		long now = now();
		stored.stream()
			.filter((restriction) -> !restriction.expired(now))
			.forEach((restriction) -> hold(restriction, true));
	}

	private ChatEvent.Moderated change(Restriction restriction, Change change, String actor) {
		boolean holds = change.holds();
		hold(restriction, holds);
		if (holds) {
			this.store.save(restriction);
		}
		else {
			this.store.remove(restriction);
		}
		return new ChatEvent.Moderated(restriction, change, actor);
	}

	private void hold(Restriction restriction, boolean holds) {
		RestrictionTable table = switch (restriction.kind()) {
			case OPERATOR -> this.operators;
			case BAN -> this.bans;
			case MUTE -> this.mutes;
		};
		if (holds) {
			table.put(restriction);
		}
		else {
			table.remove(restriction);
		}
	}

	void count(ModerationAction action, Outcome outcome) {
		this.counts.add(action, outcome);
	}

	/**
	 * Logs what a moderator did, or tried.
	 * @param who the moderator: its nickname, service operator name and address
	 * @param action what it did
	 * @param outcome how that ended
	 * @param whom whom it concerned: a nickname, a mask, an operator's name
	 * @param where the room; empty for the whole chat
	 * @param reason the moderator's reason; empty for none
	 */
	void audit(String who, ModerationAction action, Outcome outcome, String whom, String where, String reason) {
		count(action, outcome);
		if (audit.isInfoEnabled()) {
			audit.info(who + " " + action.name().toLowerCase(Locale.ROOT) + " " + whom
					+ (where.isEmpty() ? "" : " in " + where) + ": " + outcome.name().toLowerCase(Locale.ROOT)
					+ (reason.isEmpty() ? "" : " (" + reason + ")"));
		}
	}

	/**
	 * @return how long is left of something, in words: {@code 10 minutes},
	 * {@code 1 hour}, {@code 30 seconds}
	 */
	static String lasting(long millis) {
		long seconds = Math.max(1, (millis + 999) / 1000);
		if (seconds < 60) {
			return plural(seconds, "second");
		}
		long minutes = (seconds + 59) / 60;
		if (minutes < 60) {
			return plural(minutes, "minute");
		}
		long hours = (minutes + 59) / 60;
		return (hours < 48) ? plural(hours, "hour") : plural((hours + 23) / 24, "day");
	}

	private static String plural(long count, String unit) {
		return count + " " + unit + ((count == 1) ? "" : "s");
	}

}
