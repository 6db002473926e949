package dev.sockets.chat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

import dev.sockets.chat.ChatCluster.Claim;
import dev.sockets.chat.ChatCommand.Help;
import dev.sockets.chat.ChatCommand.Invalid;
import dev.sockets.chat.ChatCommand.Join;
import dev.sockets.chat.ChatCommand.Nick;
import dev.sockets.chat.ChatCommand.PrivateMessage;
import dev.sockets.chat.ChatCommand.Quit;
import dev.sockets.chat.ChatCommand.Rooms;
import dev.sockets.chat.ChatCommand.Say;
import dev.sockets.chat.ChatCommand.Who;
import dev.sockets.limits.TokenBucket;

/**
 * A line-based chat: sessions with nicknames, in rooms, talking to their room or to one
 * another.
 * <p>
 * In a cluster, the chat publishes what happens to its sessions as {@link ChatEvent}s and
 * {@linkplain #apply applies} the other instances' events to its own sessions, so that
 * rooms, {@code /who}, {@code /rooms} and private messages span every instance; nicknames
 * are claimed cluster-wide through {@link ChatCluster}.
 * <p>
 * Every method hands the lines to write, and to whom, to the {@link Deliveries} it is
 * given, while still holding this object's lock: so every member gets its lines in the
 * order they were decided, whichever thread decided them. The deliveries only queue the
 * lines for writing, so a slow client cannot hold up anyone else; and nothing waits on
 * the network while holding the lock (a nickname's claim in a cluster is made between two
 * holds of it). Each method also has a form that returns the lines instead.
 */
public final class ChatService {

	private static final int MAX_NAMES_LISTED = 50;

	private static final String CLUSTER_LOST = "* cluster link lost: only users on this server can hear you";

	// @formatter:off
	private static final List<String> HELP = List.of(
			"* Commands:",
			"*   /nick NAME      change your nickname",
			"*   /join ROOM      leave this room for ROOM (created if new)",
			"*   /rooms          list the rooms and how many are in each",
			"*   /who            list who is in this room",
			"*   /msg NICK TEXT  send TEXT to NICK only",
			"*   /quit [REASON]  leave the chat",
			"*   /help           this list",
			"* Any other line goes to everyone else in the room; start it with // to begin it with /.");
	// @formatter:on

	private final String greeting;

	private final String defaultRoom;

	private final String guestPrefix;

	private final Names names;

	private final ChatProperties.Flood flood;

	/** Above this many members a room announces no comings and goings; 0 for no limit. */
	private final int maxAnnouncedRoomSize;

	private final LongSupplier clock;

	private final ChatCluster cluster;

	/** The users of the other instances of a cluster. */
	private final RemoteMembers elsewhere = new RemoteMembers();

	private final Map<String, Member> sessions = new HashMap<>();

	private final Map<String, Member> nicknames = new HashMap<>();

	private final Map<String, Set<Member>> rooms = new TreeMap<>();

	private long guests;

	private long broadcasts;

	private long floodDropped;

	private long floodDisconnects;

	public ChatService(ChatProperties properties) {
		this(properties, ChatCluster.NONE);
	}

	public ChatService(ChatProperties properties, ChatCluster cluster) {
		this(properties, cluster, System::nanoTime);
	}

	/**
	 * @param cluster the other instances
	 * @param clock the time in nanoseconds, for flood control and for silent instances
	 */
	ChatService(ChatProperties properties, ChatCluster cluster, LongSupplier clock) {
		this.cluster = cluster;
		this.clock = clock;
		this.flood = properties.flood();
		this.maxAnnouncedRoomSize = properties.maxAnnouncedRoomSize();
		this.greeting = properties.greeting();
		this.names = new Names(properties.maxNicknameLength(), properties.maxRoomNameLength());
		this.defaultRoom = this.names.canonicalRoom(properties.defaultRoom())
			.orElseThrow(() -> new IllegalArgumentException("Invalid default room " + properties.defaultRoom()));
		this.guestPrefix = properties.guestPrefix();
	}

	/**
	 * A new session: it gets a guest nickname and joins the default room.
	 */
	public void connect(String sessionId, Deliveries out) {
		Optional<String> numbered = this.cluster.claimGuestNickname(this.guestPrefix);
		synchronized (this) {
			deliver(connect(sessionId, numbered), out);
		}
	}

	public List<Delivery> connect(String sessionId) {
		return collect((out) -> connect(sessionId, out));
	}

	private List<Delivery> connect(String sessionId, Optional<String> numbered) {
		if (this.sessions.containsKey(sessionId)) {
			return List.of();
		}
		Member member = new Member(sessionId, guestNickname(numbered), this.flood, this.clock.getAsLong());
		this.sessions.put(sessionId, member);
		this.nicknames.put(Names.key(member.nickname), member);
		List<Delivery> out = new ArrayList<>();
		if (!this.greeting.isEmpty()) {
			out.add(Delivery.to(sessionId, "* " + this.greeting));
		}
		out.add(Delivery.to(sessionId,
				"* You are " + member.nickname + " in " + this.defaultRoom + ". Type /help for commands."));
		enter(member, this.defaultRoom, out);
		if (!this.cluster.reachable()) {
			out.add(Delivery.to(sessionId, CLUSTER_LOST));
		}
		return out;
	}

	/**
	 * A line from a session: a message for its room or a command.
	 */
	public void receive(String sessionId, String line, Deliveries out) {
		Member member;
		String nickname = null;
		synchronized (this) {
			member = this.sessions.get(sessionId);
			if (member == null) {
				return;
			}
			List<Delivery> lines = new ArrayList<>();
			if (!member.mayHave(line, this.clock.getAsLong())) {
				tooMuch(member, lines);
			}
			else if (member.claiming) {
				// Its lines are taken in the order they came: after the nickname is
				// decided, under the name it decides. Flood control bounds how many wait.
				member.waiting.add(line);
			}
			else {
				nickname = take(member, line, lines);
				member.claiming = nickname != null;
			}
			deliver(lines, out);
		}
		if (nickname != null) {
			claim(member, nickname, out);
		}
	}

	/**
	 * Handles a line within the flood limits.
	 * @return the nickname to claim in the cluster before the line can be answered, or
	 * null if it has been
	 */
	private String take(Member member, String line, List<Delivery> out) {
		ChatCommand command = ChatCommand.parse(line);
		if (command instanceof Nick nick) {
			return mayClaim(member, nick.nickname(), out) ? nick.nickname() : null;
		}
		handle(member, command, out);
		return null;
	}

	/**
	 * The cluster answers in its own time, without the chat's lock held meanwhile; the
	 * rename is decided when it has, against what happened in between, and then the
	 * member's lines that waited are taken.
	 */
	private void claim(Member member, String nickname, Deliveries out) {
		this.cluster.claim(nickname).whenComplete((claim, failure) -> {
			String next = null;
			synchronized (this) {
				List<Delivery> lines = new ArrayList<>();
				claimed(member, nickname, (failure != null) ? Claim.UNREACHABLE : claim, lines);
				member.claiming = false;
				while (next == null && !member.waiting.isEmpty() && this.sessions.get(member.sessionId) == member) {
					next = take(member, member.waiting.poll(), lines);
				}
				member.claiming = next != null;
				deliver(lines, out);
			}
			if (next != null) {
				claim(member, next, out);
			}
		});
	}

	public List<Delivery> receive(String sessionId, String line) {
		return collect((out) -> receive(sessionId, line, out));
	}

	private void handle(Member member, ChatCommand command, List<Delivery> out) {
		String sessionId = member.sessionId;
		switch (command) {
			case Say say -> say(member, say.text(), out);
			case Nick nick -> throw new IllegalStateException("a nickname is claimed apart");
			case Join join -> join(member, join.room(), out);
			case Rooms list -> out.add(Delivery.to(sessionId, "* Rooms: " + roomList()));
			case Who who -> out.add(Delivery.to(sessionId, "* In " + member.room + ": " + nameList(member.room, null)));
			case PrivateMessage message -> privateMessage(member, message, out);
			case Quit quit -> quit(member, quit.reason(), out);
			case Help help -> HELP.forEach((text) -> out.add(Delivery.to(sessionId, text)));
			case Invalid invalid -> out.add(error(member, invalid.error()));
		}
	}

	/**
	 * A session that ended without {@code /quit}: the room hears why.
	 * @param reason what ended it, e.g. {@code connection lost}
	 */
	public synchronized void disconnect(String sessionId, String reason, Deliveries out) {
		Member member = this.sessions.get(sessionId);
		if (member == null) {
			return;
		}
		List<Delivery> lines = new ArrayList<>();
		leave(member, member.nickname + " is offline (" + reason + ")", lines);
		forget(member);
		deliver(lines, out);
	}

	public List<Delivery> disconnect(String sessionId, String reason) {
		return collect((out) -> disconnect(sessionId, reason, out));
	}

	/**
	 * The service is stopping: every session is told, and will be closed after the
	 * notice; the chat forgets them all, so their closing announces nothing more.
	 */
	public synchronized void closeAll(Deliveries deliveries) {
		List<Delivery> out = new ArrayList<>();
		for (Member member : this.sessions.values()) {
			out.add(Delivery.last(member.sessionId, "* server shutting down"));
			this.cluster.publish(new ChatEvent.Left(member.room, member.nickname,
					member.nickname + " is offline (server shutting down)"));
			this.cluster.release(member.nickname);
		}
		this.sessions.clear();
		this.nicknames.clear();
		this.rooms.clear();
		deliver(out, deliveries);
	}

	public List<Delivery> closeAll() {
		return collect(this::closeAll);
	}

	/**
	 * Sessions whose listener is draining, while the service goes on: each is told to
	 * reconnect, and will be closed after the notice; their rooms hear they are offline,
	 * and the chat forgets them, so their closing announces nothing more. None of them
	 * hears of the others leaving.
	 */
	public synchronized void drain(Collection<String> sessionIds, Deliveries deliveries) {
		List<Member> leaving = new ArrayList<>();
		for (String sessionId : sessionIds) {
			Member member = this.sessions.remove(sessionId);
			if (member != null) {
				leaving.add(member);
				this.nicknames.remove(Names.key(member.nickname));
				Set<Member> members = this.rooms.get(member.room);
				if (members != null && members.remove(member) && members.isEmpty()) {
					this.rooms.remove(member.room);
				}
			}
		}
		List<Delivery> out = new ArrayList<>();
		for (Member member : leaving) {
			out.add(Delivery.to(member.sessionId, "* this server is draining: reconnect to go on"));
			String notice = member.nickname + " is offline (server draining)";
			announce(member.room, null, notice, out);
			this.cluster.publish(new ChatEvent.Left(member.room, member.nickname, notice));
			this.cluster.release(member.nickname);
		}
		deliver(out, deliveries);
	}

	public List<Delivery> drain(Collection<String> sessionIds) {
		return collect((out) -> drain(sessionIds, out));
	}

	/**
	 * Something happened on another instance of the cluster: this instance's users hear
	 * of it.
	 * @param origin the instance it happened on
	 */
	public synchronized void apply(String origin, ChatEvent event, Deliveries deliveries) {
		long now = this.clock.getAsLong();
		List<Delivery> out = new ArrayList<>();
		switch (event) {
			case ChatEvent.Said said -> {
				this.elsewhere.heard(origin, now);
				broadcast(said.room(), null,
						"<" + Text.escapeControls(said.nickname()) + "> " + Text.escapeControls(said.text()), out);
			}
			case ChatEvent.Joined joined -> {
				this.elsewhere.joined(origin, joined.room(), joined.nickname(), now);
				announce(joined.room(), null, Text.escapeControls(joined.nickname()) + " joined " + joined.room(), out);
			}
			case ChatEvent.Left left -> {
				this.elsewhere.left(origin, left.nickname(), now);
				announce(left.room(), null, Text.escapeControls(left.notice()), out);
			}
			case ChatEvent.Renamed renamed -> {
				this.elsewhere.renamed(origin, renamed.from(), renamed.to(), now);
				announce(renamed.room(), null,
						Text.escapeControls(renamed.from()) + " is now known as " + Text.escapeControls(renamed.to()),
						out);
			}
			case ChatEvent.Whispered whispered -> {
				this.elsewhere.heard(origin, now);
				Member to = this.nicknames.get(Names.key(whispered.to()));
				if (to != null) {
					out.add(Delivery.to(to.sessionId, "*" + Text.escapeControls(whispered.from()) + "* "
							+ Text.escapeControls(whispered.text())));
				}
			}
			case ChatEvent.Present present -> this.elsewhere.present(origin, present.members(), now);
		}
		deliver(out, deliveries);
	}

	public List<Delivery> apply(String origin, ChatEvent event) {
		return collect((out) -> apply(origin, event, out));
	}

	/**
	 * Forgets the instances not heard from for a while, as if their users had dropped:
	 * this instance's users in their rooms hear that they are offline.
	 * @param silence how long an instance may stay silent, in nanoseconds
	 */
	public synchronized void forgetSilentInstances(long silence, Deliveries deliveries) {
		List<Delivery> out = new ArrayList<>();
		for (RemoteMembers.RemoteMember member : this.elsewhere.expire(this.clock.getAsLong() - silence)) {
			announce(member.room(), null, member.nickname() + " is offline (server lost)", out);
		}
		deliver(out, deliveries);
	}

	public List<Delivery> forgetSilentInstances(long silence) {
		return collect((out) -> forgetSilentInstances(silence, out));
	}

	/**
	 * The link to the other instances is down: every user is told, once, and the others
	 * are forgotten until the link is back (their presence then arrives again).
	 */
	public synchronized void clusterLost(Deliveries out) {
		this.elsewhere.clear();
		deliver(toEveryone(CLUSTER_LOST), out);
	}

	public List<Delivery> clusterLost() {
		return collect(this::clusterLost);
	}

	/**
	 * The link to the other instances is back.
	 */
	public synchronized void clusterRecovered(Deliveries out) {
		deliver(toEveryone("* cluster link recovered"), out);
	}

	public List<Delivery> clusterRecovered() {
		return collect(this::clusterRecovered);
	}

	/**
	 * Another instance holds a nickname a user here has (taken while the instances could
	 * not ask each other): the user here becomes a guest again and is told why.
	 */
	public void nicknameTaken(String nickname, Deliveries out) {
		Optional<String> numbered = this.cluster.claimGuestNickname(this.guestPrefix);
		synchronized (this) {
			deliver(nicknameTaken(nickname, numbered), out);
		}
	}

	public List<Delivery> nicknameTaken(String nickname) {
		return collect((out) -> nicknameTaken(nickname, out));
	}

	private List<Delivery> nicknameTaken(String nickname, Optional<String> numbered) {
		Member member = this.nicknames.get(Names.key(nickname));
		if (member == null) {
			return List.of();
		}
		List<Delivery> out = new ArrayList<>();
		String guest = guestNickname(numbered);
		rename(member, guest, out);
		out.add(Delivery.to(member.sessionId,
				"* The nickname " + nickname + " is used on another server; you are now " + guest + "."));
		return out;
	}

	/**
	 * Hands who is here to a publisher while holding the chat, so that the snapshot takes
	 * its place among the events published under the same lock, never behind a later one.
	 */
	public synchronized void present(Consumer<ChatEvent.Present> publisher) {
		publisher.accept(present());
	}

	/**
	 * @return every user here and the room each is in
	 */
	public synchronized ChatEvent.Present present() {
		return new ChatEvent.Present(this.sessions.values()
			.stream()
			.map((member) -> new ChatEvent.Present.Member(member.nickname, member.room))
			.toList());
	}

	/**
	 * @return the nicknames of the users here
	 */
	public synchronized List<String> nicknames() {
		return this.sessions.values().stream().map((member) -> member.nickname).toList();
	}

	/**
	 * @return the number of other instances heard from
	 */
	public synchronized int otherInstances() {
		return this.elsewhere.instances();
	}

	/**
	 * @return the number of users on other instances
	 */
	public synchronized int usersElsewhere() {
		return this.elsewhere.members();
	}

	/**
	 * @return where a session is in the chat, if it is in it
	 */
	public synchronized Optional<Presence> presence(String sessionId) {
		return Optional.ofNullable(this.sessions.get(sessionId))
			.map((member) -> new Presence(member.nickname, member.room));
	}

	/**
	 * @return the number of sessions in the chat
	 */
	public synchronized int users() {
		return this.sessions.size();
	}

	/**
	 * @return how many messages have been said to a room since the service started
	 */
	public synchronized long messagesBroadcast() {
		return this.broadcasts;
	}

	/**
	 * @return how many lines flood control has dropped
	 */
	public synchronized long floodDropped() {
		return this.floodDropped;
	}

	/**
	 * @return how many users flood control has disconnected
	 */
	public synchronized long floodDisconnects() {
		return this.floodDisconnects;
	}

	/**
	 * @return the number of rooms, the default room included
	 */
	public synchronized int rooms() {
		return Math.max(1, this.rooms.size());
	}

	private void say(Member member, String text, List<Delivery> out) {
		if (text.isBlank()) {
			return;
		}
		this.broadcasts++;
		String escaped = Text.escapeControls(text);
		broadcast(member.room, member, "<" + member.nickname + "> " + escaped, out);
		this.cluster.publish(new ChatEvent.Said(member.room, member.nickname, escaped));
	}

	/**
	 * A line over the user's flood limits: dropped, the first of a row with a warning,
	 * and too long a row with a disconnection.
	 */
	private void tooMuch(Member member, List<Delivery> out) {
		this.floodDropped++;
		if (this.flood.disconnectAfter() > 0 && member.dropped >= this.flood.disconnectAfter()) {
			this.floodDisconnects++;
			leave(member, member.nickname + " is offline (flooding)", out);
			forget(member);
			out.add(Delivery.last(member.sessionId, "ERR flooding: disconnected"));
		}
		else if (member.dropped == 1) {
			out.add(error(member, "slow down"));
		}
	}

	/**
	 * @return whether the nickname is free as far as this instance knows, so the cluster
	 * is to be asked for it; if not, the member has been told why
	 */
	private boolean mayClaim(Member member, String nickname, List<Delivery> out) {
		Optional<String> problem = this.names.checkNickname(nickname);
		if (problem.isPresent()) {
			out.add(error(member, problem.get()));
			return false;
		}
		Member holder = this.nicknames.get(Names.key(nickname));
		if (holder == member) {
			rename(member, nickname, out);
			return false;
		}
		if (holder != null || this.elsewhere.find(nickname).isPresent()) {
			out.add(error(member, "nickname " + nickname + " is taken"));
			return false;
		}
		return true;
	}

	/**
	 * The cluster answered a nickname's claim: what happened here in the meantime decides
	 * as much as its answer does.
	 */
	private void claimed(Member member, String nickname, Claim claim, List<Delivery> out) {
		if (this.sessions.get(member.sessionId) != member) {
			// Gone while the cluster was asked.
			if (claim == Claim.CLAIMED) {
				this.cluster.release(nickname);
			}
			return;
		}
		Member holder = this.nicknames.get(Names.key(nickname));
		if (holder == member) {
			rename(member, nickname, out);
		}
		else if (holder != null || claim == Claim.TAKEN
				|| (claim == Claim.UNREACHABLE && this.elsewhere.find(nickname).isPresent())) {
			// A user here took it meanwhile (and holds this instance's claim), or another
			// instance has it.
			out.add(error(member, "nickname " + nickname + " is taken"));
		}
		else {
			this.cluster.release(member.nickname);
			rename(member, nickname, out);
		}
	}

	private void rename(Member member, String nickname, List<Delivery> out) {
		String old = member.nickname;
		this.nicknames.remove(Names.key(old));
		member.nickname = nickname;
		this.nicknames.put(Names.key(nickname), member);
		announce(member.room, null, old + " is now known as " + nickname, out);
		this.cluster.publish(new ChatEvent.Renamed(member.room, old, nickname));
	}

	private void join(Member member, String requested, List<Delivery> out) {
		Optional<String> room = this.names.canonicalRoom(requested);
		if (room.isEmpty()) {
			out.add(error(member, this.names.roomRule()));
		}
		else if (room.get().equals(member.room)) {
			out.add(error(member, "you are already in " + member.room));
		}
		else {
			leave(member, member.nickname + " left " + member.room + " for " + room.get(), out);
			out.add(Delivery.to(member.sessionId, "* You joined " + room.get() + "."));
			enter(member, room.get(), out);
		}
	}

	private void privateMessage(Member from, PrivateMessage message, List<Delivery> out) {
		String text = Text.escapeControls(message.text());
		Member to = this.nicknames.get(Names.key(message.nickname()));
		if (to != null) {
			out.add(Delivery.to(to.sessionId, "*" + from.nickname + "* " + text));
			out.add(Delivery.to(from.sessionId, "-> *" + to.nickname + "* " + text));
			return;
		}
		Optional<RemoteMembers.RemoteMember> remote = this.elsewhere.find(message.nickname());
		if (remote.isPresent()) {
			this.cluster.publish(new ChatEvent.Whispered(from.nickname, remote.get().nickname(), text));
			out.add(Delivery.to(from.sessionId, "-> *" + remote.get().nickname() + "* " + text));
			return;
		}
		out.add(error(from, "no such nickname: " + Text.escapeControls(message.nickname())));
	}

	private void quit(Member member, String reason, List<Delivery> out) {
		String why = reason.isEmpty() ? "quit" : "quit: " + Text.escapeControls(reason);
		leave(member, member.nickname + " left " + member.room + " (" + why + ")", out);
		forget(member);
		out.add(Delivery.last(member.sessionId, "* Bye."));
	}

	private void enter(Member member, String room, List<Delivery> out) {
		String others = nameList(room, member);
		out.add(Delivery.to(member.sessionId,
				others.isEmpty() ? "* Nobody else is here yet." : "* Also here: " + others));
		announce(room, member, member.nickname + " joined " + room, out);
		member.room = room;
		this.rooms.computeIfAbsent(room, (name) -> new LinkedHashSet<>()).add(member);
		this.cluster.publish(new ChatEvent.Joined(room, member.nickname));
	}

	private void leave(Member member, String notice, List<Delivery> out) {
		Set<Member> members = this.rooms.get(member.room);
		if (members == null) {
			return;
		}
		members.remove(member);
		if (members.isEmpty()) {
			this.rooms.remove(member.room);
		}
		announce(member.room, null, notice, out);
		this.cluster.publish(new ChatEvent.Left(member.room, member.nickname, notice));
	}

	private void forget(Member member) {
		this.sessions.remove(member.sessionId);
		this.nicknames.remove(Names.key(member.nickname));
		this.cluster.release(member.nickname);
	}

	private void announce(String room, Member except, String notice, List<Delivery> out) {
		if (this.maxAnnouncedRoomSize > 0
				&& this.rooms.getOrDefault(room, Set.of()).size() > this.maxAnnouncedRoomSize) {
			return;
		}
		broadcast(room, except, "* " + notice, out);
	}

	private void broadcast(String room, Member except, String text, List<Delivery> out) {
		for (Member member : this.rooms.getOrDefault(room, Set.of())) {
			if (member != except) {
				out.add(Delivery.to(member.sessionId, text));
			}
		}
	}

	private String nameList(String room, Member except) {
		List<String> names = new ArrayList<>(this.rooms.getOrDefault(room, Set.of())
			.stream()
			.filter((member) -> member != except)
			.map((member) -> member.nickname)
			.toList());
		names.addAll(this.elsewhere.namesIn(room));
		if (names.size() <= MAX_NAMES_LISTED) {
			return String.join(", ", names);
		}
		return String.join(", ", names.subList(0, MAX_NAMES_LISTED)) + " and " + (names.size() - MAX_NAMES_LISTED)
				+ " more";
	}

	private String roomList() {
		Map<String, Integer> sizes = new TreeMap<>(this.elsewhere.roomSizes());
		this.rooms.forEach((room, members) -> sizes.merge(room, members.size(), Integer::sum));
		if (sizes.isEmpty()) {
			return this.defaultRoom + " (0)";
		}
		return sizes.entrySet()
			.stream()
			.map((room) -> room.getKey() + " (" + room.getValue() + ")")
			.collect(Collectors.joining(", "));
	}

	/**
	 * A guest nickname nobody has, here or, in a cluster, anywhere: numbered by the
	 * cluster when it could be asked, by this instance when not.
	 */
	private String guestNickname(Optional<String> claimed) {
		if (claimed.isPresent() && !this.nicknames.containsKey(Names.key(claimed.get()))) {
			return claimed.get();
		}
		String nickname;
		do {
			nickname = this.guestPrefix + (++this.guests);
		}
		while (this.nicknames.containsKey(Names.key(nickname)) || this.elsewhere.find(nickname).isPresent());
		return nickname;
	}

	/**
	 * Hands lines to their deliveries; called with the lock held, so that members get
	 * their lines in the order they were decided.
	 */
	private static void deliver(List<Delivery> lines, Deliveries out) {
		if (!lines.isEmpty()) {
			out.deliver(lines);
		}
	}

	private static List<Delivery> collect(Consumer<Deliveries> action) {
		List<Delivery> all = new ArrayList<>();
		action.accept(all::addAll);
		return all;
	}

	private List<Delivery> toEveryone(String text) {
		return this.sessions.values().stream().map((member) -> Delivery.to(member.sessionId, text)).toList();
	}

	private static Delivery error(Member member, String error) {
		return Delivery.to(member.sessionId, "ERR " + error);
	}

	/**
	 * Where a session is.
	 *
	 * @param nickname its current nickname
	 * @param room the room it is in
	 */
	public record Presence(String nickname, String room) {
	}

	private static final class Member {

		private final String sessionId;

		private final TokenBucket lines;

		private final TokenBucket bytes;

		private String nickname;

		private String room;

		/** Lines dropped in a row by flood control. */
		private int dropped;

		/** Whether a nickname of this member's is being claimed in the cluster. */
		private boolean claiming;

		/** The lines that came while a nickname was being claimed. */
		private final Queue<String> waiting = new ArrayDeque<>();

		Member(String sessionId, String nickname, ChatProperties.Flood flood, long now) {
			this.sessionId = sessionId;
			this.nickname = nickname;
			this.lines = new TokenBucket(flood.messagesPerSecond(), flood.messageBurst(), now);
			this.bytes = new TokenBucket(flood.bytesPerSecond().toBytes(), Math.max(1, flood.byteBurst().toBytes()),
					now);
		}

		/**
		 * @return whether the line is within this member's flood limits (and then it is
		 * counted)
		 */
		boolean mayHave(String line, long now) {
			if (this.lines.tryTake(1, now) && this.bytes.tryTake(utf8Length(line), now)) {
				this.dropped = 0;
				return true;
			}
			this.dropped++;
			return false;
		}

		private static int utf8Length(String text) {
			int length = 0;
			for (int i = 0; i < text.length(); i++) {
				char c = text.charAt(i);
				length += (c < 0x80) ? 1 : (c < 0x800 || Character.isSurrogate(c)) ? 2 : 3;
			}
			return length;
		}

	}

}
