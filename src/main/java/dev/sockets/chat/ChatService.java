package dev.sockets.chat;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;

import dev.sockets.chat.ChatCluster.Claim;
import dev.sockets.chat.ChatCommand.Act;
import dev.sockets.chat.ChatCommand.Away;
import dev.sockets.chat.ChatCommand.Help;
import dev.sockets.chat.ChatCommand.Invalid;
import dev.sockets.chat.ChatCommand.Join;
import dev.sockets.chat.ChatCommand.Message;
import dev.sockets.chat.ChatCommand.Nick;
import dev.sockets.chat.ChatCommand.Online;
import dev.sockets.chat.ChatCommand.Part;
import dev.sockets.chat.ChatCommand.Quit;
import dev.sockets.chat.ChatCommand.Register;
import dev.sockets.chat.ChatCommand.Reply;
import dev.sockets.chat.ChatCommand.Rooms;
import dev.sockets.chat.ChatCommand.Say;
import dev.sockets.chat.ChatCommand.Who;
import dev.sockets.chat.ChatCommand.Whois;
import dev.sockets.chat.ChatEvent.Left.How;
import dev.sockets.chat.ChatEvent.Left.Parting;
import dev.sockets.chat.ChatOutput.Departure;
import dev.sockets.chat.ChatOutput.Person;
import dev.sockets.config.ChatDialect;

/**
 * A chat: sessions with nicknames, in rooms, talking to their rooms or to one another,
 * each in its own {@link Dialect}: the line dialect of {@code telnet} users, in one room
 * at a time, or IRC, in any number of rooms. The chat decides what happens
 * ({@link ChatOutput}) and each session's dialect writes it, so users of every dialect
 * share the rooms and the nicknames.
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

	private final String greeting;

	private final String defaultRoom;

	private final String guestPrefix;

	private final Names names;

	private final ChatProperties.Flood flood;

	/** Above this many members a room announces no comings and goings; 0 for no limit. */
	private final int maxAnnouncedRoomSize;

	private final LongSupplier clock;

	private final ChatCluster cluster;

	/** Each room's operators, bans and mutes, and the service operators. */
	private final Moderation moderation;

	/** What is kept of the rooms: what was said in them, their topics. */
	private final RoomMemory memory;

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
		this(properties, cluster, RoomMemory.forgetful());
	}

	public ChatService(ChatProperties properties, ChatCluster cluster, RoomMemory memory) {
		this(properties, cluster, memory, System::nanoTime);
	}

	ChatService(ChatProperties properties, ChatCluster cluster, LongSupplier clock) {
		this(properties, cluster, RoomMemory.forgetful(), clock);
	}

	/**
	 * @param cluster the other instances
	 * @param memory what is kept of the rooms
	 * @param clock the time in nanoseconds, for flood control and for silent instances
	 */
	ChatService(ChatProperties properties, ChatCluster cluster, RoomMemory memory, LongSupplier clock) {
		this(properties, cluster, memory, clock, Moderation.none());
	}

	/**
	 * @param moderation who may moderate, how long what they decide holds, and where it
	 * is stored
	 * @param store where the rooms' operators, bans and mutes outlive this instance
	 */
	public ChatService(ChatProperties properties, ChatCluster cluster, ModerationProperties moderation,
			ModerationStore store) {
		this(properties, cluster, RoomMemory.forgetful(), moderation, store);
	}

	/**
	 * @param memory what is kept of the rooms
	 * @param moderation who may moderate, how long what they decide holds, and where it
	 * is stored
	 * @param store where the rooms' operators, bans and mutes outlive this instance
	 */
	public ChatService(ChatProperties properties, ChatCluster cluster, RoomMemory memory,
			ModerationProperties moderation, ModerationStore store) {
		this(properties, cluster, memory, System::nanoTime,
				new Moderation(moderation, store, System::currentTimeMillis));
	}

	ChatService(ChatProperties properties, ChatCluster cluster, LongSupplier clock, Moderation moderation) {
		this(properties, cluster, RoomMemory.forgetful(), clock, moderation);
	}

	ChatService(ChatProperties properties, ChatCluster cluster, RoomMemory memory, LongSupplier clock,
			Moderation moderation) {
		this.moderation = moderation;
		this.cluster = cluster;
		this.memory = memory;
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
	 * A new session of the line dialect: it gets a guest nickname and joins the default
	 * room.
	 */
	public void connect(String sessionId, Deliveries out) {
		connect(sessionId, LineDialect.INSTANCE, out);
	}

	/**
	 * A new session of the line dialect from a peer.
	 */
	public void connect(String sessionId, Peer peer, Deliveries out) {
		connect(sessionId, LineDialect.INSTANCE, peer, out);
	}

	/**
	 * A new session: in a dialect that {@linkplain Dialect#registers() registers} it
	 * waits for its nickname, otherwise it gets a guest nickname and joins the default
	 * room.
	 * @param out where the session's lines go, and those decided later for it alone (a
	 * room's history fetched from the cluster)
	 */
	public void connect(String sessionId, Dialect dialect, Deliveries out) {
		connect(sessionId, dialect, Peer.UNKNOWN, out);
	}

	/**
	 * A new session, from a peer whose address bans may match and whose client
	 * certificate may make it a service operator.
	 */
	public void connect(String sessionId, Dialect dialect, Peer peer, Deliveries out) {
		Optional<String> numbered = dialect.registers() ? Optional.empty()
				: this.cluster.claimGuestNickname(this.guestPrefix);
		synchronized (this) {
			deliver(connect(sessionId, dialect, peer, numbered, out), out);
		}
	}

	public List<Delivery> connect(String sessionId, Dialect dialect, Peer peer) {
		return collect((out) -> connect(sessionId, dialect, peer, out));
	}

	public List<Delivery> connect(String sessionId) {
		return collect((out) -> connect(sessionId, out));
	}

	public List<Delivery> connect(String sessionId, Dialect dialect) {
		return collect((out) -> connect(sessionId, dialect, out));
	}

	private List<Delivery> connect(String sessionId, Dialect dialect, Peer peer, Optional<String> numbered,
			Deliveries later) {
		if (this.sessions.containsKey(sessionId)) {
			return List.of();
		}
		Member member = new Member(sessionId, dialect, peer, this.flood, this.clock.getAsLong(), later);
		this.sessions.put(sessionId, member);
		if (dialect.registers()) {
			return List.of();
		}
		member.nickname = guestNickname(numbered);
		member.registered = true;
		this.nicknames.put(Names.key(member.nickname), member);
		List<Delivery> out = new ArrayList<>();
		Optional<Restriction> banned = this.moderation.banned(this.defaultRoom, member.nickname, peer);
		tell(member,
				new ChatOutput.Welcome(member.nickname, banned.isPresent() ? null : this.defaultRoom, this.greeting),
				out);
		if (banned.isPresent()) {
			refuseEntry(member, banned.get(), out);
		}
		else {
			enter(member, this.defaultRoom, false, out);
		}
		arrived(member);
		if (!this.cluster.reachable()) {
			tell(member, new ChatOutput.ClusterLink(false), out);
		}
		return out;
	}

	/**
	 * A line from a session: a message or a command.
	 */
	public void receive(String sessionId, String line, Deliveries out) {
		Member member;
		Pending nickname = null;
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

	public List<Delivery> receive(String sessionId, String line) {
		return collect((out) -> receive(sessionId, line, out));
	}

	/**
	 * A line from a session that was too long to be read: the session is told so, in its
	 * turn, and goes on.
	 * @param maxBytes the longest line its listener reads
	 */
	public void tooLong(String sessionId, int maxBytes, Deliveries out) {
		Member member;
		synchronized (this) {
			member = this.sessions.get(sessionId);
			if (member == null) {
				return;
			}
			if (member.claiming) {
				// Told after the lines before it are answered.
				member.waiting.add(new TooLong(maxBytes));
				return;
			}
			List<Delivery> lines = new ArrayList<>();
			handle(member, member.dialect.tooLong(maxBytes), lines);
			deliver(lines, out);
		}
	}

	public List<Delivery> tooLong(String sessionId, int maxBytes) {
		return collect((out) -> tooLong(sessionId, maxBytes, out));
	}

	/**
	 * Handles a line within the flood limits.
	 * @return what must be decided without the chat's lock held before the line can be
	 * answered (a nickname's claim in the cluster, an operator's password), or null if it
	 * has been answered
	 */
	private Pending take(Member member, Object line, List<Delivery> out) {
		ChatCommand command = (line instanceof TooLong tooLong) ? member.dialect.tooLong(tooLong.maxBytes())
				: member.dialect.read((String) line);
		if (!member.mayDo(command, this.clock.getAsLong())) {
			tooMuch(member, out);
			return null;
		}
		if (command instanceof Nick nick) {
			return mayClaim(member, nick.nickname(), out) ? new Pending.Claim(nick.nickname()) : null;
		}
		if (command instanceof ChatCommand.Moderate.Oper oper && member.registered) {
			return mayTryOper(member, oper, out) ? new Pending.Verify(oper) : null;
		}
		handle(member, command, out);
		return null;
	}

	/**
	 * The cluster answers in its own time, and a password takes its time to check,
	 * without the chat's lock held meanwhile; what was asked is decided when it has,
	 * against what happened in between, and then the member's lines that waited are
	 * taken.
	 */
	private void claim(Member member, Pending pending, Deliveries out) {
		CompletionStage<Object> answer = switch (pending) {
			case Pending.Claim claim -> this.cluster.claim(claim.nickname()).thenApply((claimed) -> claimed);
			case Pending.Verify verify -> CompletableFuture.supplyAsync(() -> this.moderation.serviceOperators()
				.verify(verify.oper().name(), verify.oper().password(), member.peer.certificateSubject()));
		};
		answer.whenComplete((result, failure) -> {
			Pending next = null;
			synchronized (this) {
				List<Delivery> lines = new ArrayList<>();
				if (pending instanceof Pending.Claim claim) {
					claimed(member, claim.nickname(), (failure != null) ? Claim.UNREACHABLE : (Claim) result, lines);
				}
				else if (pending instanceof Pending.Verify verify) {
					opered(member, verify.oper(), failure == null && Boolean.TRUE.equals(result), lines);
				}
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

	private void handle(Member member, ChatCommand command, List<Delivery> out) {
		if (!member.registered && !(command instanceof Register || command instanceof Reply || command instanceof Quit
				|| command instanceof Invalid)) {
			// Its dialect answers what needs registering first; nothing else is done.
			return;
		}
		switch (command) {
			case Say say -> say(member, say.text(), HistoryLine.Kind.MESSAGE, out);
			case Act act -> act(member, act, out);
			case ChatCommand.Topic topic -> topic(member, topic, out);
			case Message message -> message(member, message, out);
			case Nick nick -> throw new IllegalStateException("a nickname is claimed apart");
			case Join join -> join(member, join.rooms(), out);
			case Part part -> part(member, part, out);
			case Rooms list -> tell(member, new ChatOutput.RoomList(roomSizes()), out);
			case Who who -> who(member, who.target(), out);
			case ChatCommand.Names asked -> names(member, asked.rooms(), out);
			case Whois whois -> whois(member, whois.nickname(), out);
			case Online online -> tell(member,
					new ChatOutput.Online(
							online.nicknames().stream().map(this::person).flatMap(Optional::stream).distinct().toList(),
							online.withHosts()),
					out);
			case Away away -> {
				member.away = Text.escapeControls(away.message());
				tell(member, new ChatOutput.AwayChanged(!member.away.isEmpty()), out);
				this.cluster.publish(new ChatEvent.Away(member.nickname, member.away));
			}
			case Register register -> register(member, register, out);
			case Quit quit -> quit(member, quit.reason(), out);
			case Help help -> tell(member, new ChatOutput.Help(), out);
			case Invalid invalid -> tell(member, new ChatOutput.Error(ChatError.INVALID, "", invalid.error()), out);
			case Reply reply -> tell(member, new ChatOutput.Verbatim(reply.lines()), out);
			case ChatCommand.Moderate moderate -> moderate(member, moderate, out);
		}
	}

	/**
	 * A session that ended without a quit: its rooms hear why.
	 * @param reason what ended it, e.g. {@code connection lost}
	 */
	public synchronized void disconnect(String sessionId, String reason, Deliveries out) {
		Member member = this.sessions.get(sessionId);
		if (member == null) {
			return;
		}
		List<Delivery> lines = new ArrayList<>();
		depart(member, Departure.OFFLINE, reason, lines);
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
			tell(member, new ChatOutput.Closing(ChatOutput.Closure.SHUTDOWN), out);
			publishDeparture(member, Departure.OFFLINE, "server shutting down");
			departed(member);
			release(member);
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
				if (member.nickname != null) {
					this.nicknames.remove(Names.key(member.nickname), member);
				}
				removeFromRooms(member);
			}
		}
		List<Delivery> out = new ArrayList<>();
		for (Member member : leaving) {
			// Closed after the notice: nothing of its waits for what is being fetched.
			member.output.release(out);
			tell(member, new ChatOutput.Closing(ChatOutput.Closure.DRAINING), out);
			announceDeparture(member, Departure.OFFLINE, "server draining", out);
			departed(member);
			release(member);
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
				String from = Text.escapeControls(said.nickname());
				String text = Text.escapeControls(said.text());
				tellRoom(said.room(), null, said.action() ? new ChatOutput.RoomAction(said.room(), from, text)
						: new ChatOutput.RoomMessage(said.room(), from, text, said.notice()), out);
			}
			case ChatEvent.TopicChanged changed -> {
				this.elsewhere.heard(origin, now);
				tellRoom(changed.room(), null, new ChatOutput.TopicChanged(changed.room(), this.memory
					.topic(Text.escapeControls(changed.nickname()), Text.escapeControls(changed.text()))), out);
			}
			case ChatEvent.Away away ->
				this.elsewhere.away(origin, away.nickname(), Text.escapeControls(away.message()), now);
			case ChatEvent.Joined joined -> {
				this.elsewhere.joined(origin, joined.room(), joined.nickname(), now);
				tellRoom(joined.room(), null,
						new ChatOutput.Joined(joined.room(), Text.escapeControls(joined.nickname())), out);
			}
			case ChatEvent.Left left -> left(origin, left, now, out);
			case ChatEvent.Renamed renamed -> {
				Optional<RemoteMembers.RemoteMember> member = this.elsewhere.renamed(origin, renamed.from(),
						renamed.to(), now);
				Collection<String> rooms = member.<Collection<String>>map(RemoteMembers.RemoteMember::rooms)
					.orElse(renamed.rooms());
				ChatOutput.Renamed output = new ChatOutput.Renamed(Text.escapeControls(renamed.from()),
						Text.escapeControls(renamed.to()));
				audience(rooms).keySet().forEach((local) -> tell(local, output, out));
			}
			case ChatEvent.Whispered whispered -> {
				this.elsewhere.heard(origin, now);
				Member to = this.nicknames.get(Names.key(whispered.to()));
				if (to != null && to.registered) {
					tell(to, new ChatOutput.PrivateMessage(Text.escapeControls(whispered.from()), to.nickname,
							Text.escapeControls(whispered.text()), whispered.notice()), out);
				}
			}
			case ChatEvent.Present present -> this.elsewhere.present(origin, present.members(), now);
			case ChatEvent.Moderated moderated -> {
				this.moderation.apply(moderated);
				announce(moderated, null, out);
			}
			case ChatEvent.Removal removal -> removal(removal, out);
			case ChatEvent.Kicked kicked -> {
				this.elsewhere.parted(origin, kicked.nickname(), List.of(kicked.room()), now);
				tellRoom(kicked.room(), null,
						new ChatOutput.Kicked(kicked.room(), Text.escapeControls(kicked.nickname()),
								Text.escapeControls(kicked.by()), Text.escapeControls(kicked.reason())),
						out);
			}
		}
		deliver(out, deliveries);
	}

	public List<Delivery> apply(String origin, ChatEvent event) {
		return collect((out) -> apply(origin, event, out));
	}

	private void left(String origin, ChatEvent.Left left, long now, List<Delivery> out) {
		String nickname = Text.escapeControls(left.nickname());
		Parting parting = left.parting();
		if (parting == null) {
			// From an instance that says no more than the notice.
			this.elsewhere.left(origin, left.nickname(), now);
			tellRoom(left.room(), null,
					new ChatOutput.Parted(left.room(), nickname, null, Text.escapeControls(left.notice())), out);
			return;
		}
		String reason = Text.escapeControls(parting.reason());
		if (parting.how() == How.PART) {
			this.elsewhere.parted(origin, left.nickname(), parting.rooms(), now);
			String destination = (parting.destination() != null) ? Text.escapeControls(parting.destination()) : null;
			for (String room : parting.rooms()) {
				tellRoom(room, null, new ChatOutput.Parted(room, nickname, destination, reason), out);
			}
			return;
		}
		Optional<RemoteMembers.RemoteMember> member = this.elsewhere.left(origin, left.nickname(), now);
		Collection<String> rooms = member.<Collection<String>>map(RemoteMembers.RemoteMember::rooms)
			.orElse(parting.rooms());
		Departure departure = (parting.how() == How.QUIT) ? Departure.QUIT : Departure.OFFLINE;
		audience(rooms)
			.forEach((local, room) -> tell(local, new ChatOutput.Quit(nickname, room, departure, reason), out));
	}

	/**
	 * Forgets the instances not heard from for a while, as if their users had dropped:
	 * this instance's users in their rooms hear that they are offline.
	 * @param silence how long an instance may stay silent, in nanoseconds
	 */
	public synchronized void forgetSilentInstances(long silence, Deliveries deliveries) {
		List<Delivery> out = new ArrayList<>();
		for (RemoteMembers.RemoteMember member : this.elsewhere.expire(this.clock.getAsLong() - silence)) {
			audience(member.rooms()).forEach((local, room) -> tell(local,
					new ChatOutput.Quit(member.nickname(), room, Departure.OFFLINE, "server lost"), out));
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
		deliver(toEveryone(new ChatOutput.ClusterLink(false)), out);
	}

	public List<Delivery> clusterLost() {
		return collect(this::clusterLost);
	}

	/**
	 * The link to the other instances is back.
	 */
	public synchronized void clusterRecovered(Deliveries out) {
		deliver(toEveryone(new ChatOutput.ClusterLink(true)), out);
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
		if (member.registered) {
			tell(member, new ChatOutput.NicknameLost(nickname, guest), out);
		}
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
	 * @return every user here and the rooms each is in
	 */
	public synchronized ChatEvent.Present present() {
		return new ChatEvent.Present(this.sessions.values()
			.stream()
			.filter((member) -> member.registered)
			.map((member) -> new ChatEvent.Present.Member(member.nickname, List.copyOf(member.rooms), member.away))
			.toList());
	}

	/**
	 * @return the nicknames held here, by users in the chat or registering
	 */
	public synchronized List<String> nicknames() {
		return this.sessions.values()
			.stream()
			.map((member) -> member.nickname)
			.filter((nickname) -> nickname != null)
			.toList();
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
			.map((member) -> new Presence(member.nickname, member.room()));
	}

	/**
	 * @return the number of sessions in the chat, registering or not
	 */
	public synchronized int users() {
		return this.sessions.size();
	}

	/**
	 * @return the number of sessions in the chat that speak a dialect
	 */
	public synchronized int users(ChatDialect dialect) {
		return (int) this.sessions.values().stream().filter((member) -> member.dialect.name() == dialect).count();
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

	private void say(Member member, String text, HistoryLine.Kind kind, List<Delivery> out) {
		String room = member.room();
		if (room != null) {
			sayTo(member, room, text, kind, out);
		}
		else if (!text.isBlank()) {
			tell(member, new ChatOutput.Error(ChatError.NO_ROOM, "", ""), out);
		}
	}

	/**
	 * Says a line to a room, where it is kept for those who join later.
	 */
	private void sayTo(Member member, String room, String text, HistoryLine.Kind kind, List<Delivery> out) {
		if (text.isBlank() || silenced(member, room, out)) {
			return;
		}
		this.broadcasts++;
		String escaped = Text.escapeControls(text);
		boolean action = kind == HistoryLine.Kind.ACTION;
		tellRoom(room, member,
				action ? new ChatOutput.RoomAction(room, member.nickname, escaped)
						: new ChatOutput.RoomMessage(room, member.nickname, escaped, kind == HistoryLine.Kind.NOTICE),
				out);
		this.memory.keep(room, member.nickname, escaped, kind);
		this.cluster
			.publish(new ChatEvent.Said(room, member.nickname, escaped, kind == HistoryLine.Kind.NOTICE, action));
	}

	private void act(Member member, Act act, List<Delivery> out) {
		if (act.target() == null) {
			say(member, act.text(), HistoryLine.Kind.ACTION, out);
		}
		else if (act.target().startsWith("#")) {
			Optional<String> room = this.names.canonicalRoom(act.target());
			if (room.isEmpty() || !member.rooms.contains(room.get())) {
				tell(member, new ChatOutput.Error(ChatError.CANNOT_SEND, Text.escapeControls(act.target()), ""), out);
				return;
			}
			sayTo(member, room.get(), act.text(), HistoryLine.Kind.ACTION, out);
		}
		else {
			// A private action reaches its user as a message: it is never kept.
			message(member, new Message(act.target(), act.text(), false), out);
		}
	}

	private void topic(Member member, ChatCommand.Topic asked, List<Delivery> out) {
		String named = (asked.room() != null) ? asked.room() : member.room();
		Optional<String> room = (named != null) ? this.names.canonicalRoom(named) : Optional.empty();
		if (room.isEmpty() || !member.rooms.contains(room.get())) {
			tell(member, new ChatOutput.Error(ChatError.NOT_IN_ROOM,
					Text.escapeControls(String.valueOf(Objects.requireNonNullElse(named, ""))), ""), out);
			return;
		}
		if (asked.text() == null) {
			later(member, this.memory.recall(room.get(), false), (recall) -> new ChatOutput.TopicIs(room.get(), recall),
					out);
			return;
		}
		String text = Text.escapeControls(asked.text().strip());
		Optional<String> problem = this.memory.topicProblem(text);
		if (problem.isPresent()) {
			tell(member, new ChatOutput.Error(ChatError.INVALID, room.get(), problem.get()), out);
			return;
		}
		if (!mayChangeTopic(member, room.get())) {
			tell(member, new ChatOutput.Error(ChatError.NOT_OPERATOR, room.get(), ""), out);
			return;
		}
		Topic topic = this.memory.setTopic(room.get(), member.nickname, text);
		ChatOutput.TopicChanged changed = new ChatOutput.TopicChanged(room.get(), topic);
		this.rooms.getOrDefault(room.get(), Set.of()).forEach((local) -> tell(local, changed, out));
		this.cluster.publish(new ChatEvent.TopicChanged(room.get(), member.nickname, text));
	}

	/**
	 * Whether a member may set the topic of a room it is in: anyone may, for now.
	 */
	/**
	 * A room's operators set its topic; in a room without one, anyone in it may.
	 */
	private boolean mayChangeTopic(Member member, String room) {
		return member.serviceOperator != null || this.moderation.operatorsOf(room).isEmpty()
				|| this.moderation.isOperator(room, member.nickname);
	}

	private void message(Member from, Message message, List<Delivery> out) {
		if (message.target().startsWith("#")) {
			Optional<String> room = this.names.canonicalRoom(message.target());
			if (room.isEmpty() || !from.rooms.contains(room.get())) {
				tell(from, new ChatOutput.Error(ChatError.CANNOT_SEND, Text.escapeControls(message.target()), ""), out);
				return;
			}
			sayTo(from, room.get(), message.text(),
					message.notice() ? HistoryLine.Kind.NOTICE : HistoryLine.Kind.MESSAGE, out);
			return;
		}
		String text = Text.escapeControls(message.text());
		Member to = this.nicknames.get(Names.key(message.target()));
		if (to != null && to.registered) {
			tell(to, new ChatOutput.PrivateMessage(from.nickname, to.nickname, text, message.notice()), out);
			tell(from, new ChatOutput.PrivateMessageSent(to.nickname, text, message.notice()), out);
			if (!to.away.isEmpty() && !message.notice()) {
				tell(from, new ChatOutput.IsAway(to.nickname, to.away), out);
			}
			return;
		}
		Optional<RemoteMembers.RemoteMember> remote = this.elsewhere.find(message.target());
		if (remote.isPresent()) {
			this.cluster
				.publish(new ChatEvent.Whispered(from.nickname, remote.get().nickname(), text, message.notice()));
			tell(from, new ChatOutput.PrivateMessageSent(remote.get().nickname(), text, message.notice()), out);
			String away = this.elsewhere.awayOf(remote.get().nickname());
			if (!away.isEmpty() && !message.notice()) {
				tell(from, new ChatOutput.IsAway(Text.escapeControls(remote.get().nickname()), away), out);
			}
			return;
		}
		tell(from, new ChatOutput.Error(ChatError.NO_SUCH_NICKNAME, Text.escapeControls(message.target()), ""), out);
	}

	/**
	 * A line over the user's flood limits: dropped, the first of a row with a warning,
	 * and too long a row with a disconnection.
	 */
	private void tooMuch(Member member, List<Delivery> out) {
		this.floodDropped++;
		if (this.flood.disconnectAfter() > 0 && member.dropped >= this.flood.disconnectAfter()) {
			this.floodDisconnects++;
			depart(member, Departure.OFFLINE, "flooding", out);
			forget(member);
			tell(member, new ChatOutput.Error(ChatError.FLOODING, "", ""), out);
		}
		else if (member.dropped == 1) {
			tell(member, new ChatOutput.Error(ChatError.SLOW_DOWN, "", ""), out);
		}
	}

	/**
	 * @return whether the nickname is free as far as this instance knows, so the cluster
	 * is to be asked for it; if not, the member has been told why
	 */
	private boolean mayClaim(Member member, String nickname, List<Delivery> out) {
		Optional<String> problem = this.names.checkNickname(nickname);
		if (problem.isPresent()) {
			tell(member, new ChatOutput.Error(ChatError.BAD_NICKNAME, Text.escapeControls(nickname), problem.get()),
					out);
			return false;
		}
		Member holder = this.nicknames.get(Names.key(nickname));
		if (holder == member) {
			decided(member, nickname, out);
			return false;
		}
		if (holder != null || this.elsewhere.find(nickname).isPresent()) {
			tell(member, new ChatOutput.Error(ChatError.NICKNAME_TAKEN, nickname, ""), out);
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
			decided(member, nickname, out);
		}
		else if (holder != null || claim == Claim.TAKEN
				|| (claim == Claim.UNREACHABLE && this.elsewhere.find(nickname).isPresent())) {
			// A user here took it meanwhile (and holds this instance's claim), or another
			// instance has it.
			tell(member, new ChatOutput.Error(ChatError.NICKNAME_TAKEN, nickname, ""), out);
		}
		else {
			release(member);
			decided(member, nickname, out);
		}
	}

	/**
	 * A member's nickname is decided: it is renamed, or, if it was registering and has
	 * said who it is, it is in the chat.
	 */
	private void decided(Member member, String nickname, List<Delivery> out) {
		rename(member, nickname, out);
		if (!member.registered && member.wantsIn) {
			welcome(member, out);
		}
	}

	private void register(Member member, Register register, List<Delivery> out) {
		if (member.registered) {
			return;
		}
		member.realName = Text.escapeControls(register.realName());
		member.wantsIn = true;
		if (member.nickname != null) {
			welcome(member, out);
		}
	}

	private void welcome(Member member, List<Delivery> out) {
		member.registered = true;
		arrived(member);
		tell(member, new ChatOutput.Welcome(member.nickname, null, this.greeting), out);
		if (!this.cluster.reachable()) {
			tell(member, new ChatOutput.ClusterLink(false), out);
		}
	}

	private void rename(Member member, String nickname, List<Delivery> out) {
		String old = member.nickname;
		if (old != null) {
			this.nicknames.remove(Names.key(old), member);
		}
		member.nickname = nickname;
		this.nicknames.put(Names.key(nickname), member);
		if (!member.registered) {
			return;
		}
		if (old != null) {
			publish(this.moderation.renamed(old, nickname));
			// Under a nickname of its own now, perhaps the one it operated rooms with
			// before a reconnect.
			arrived(member);
		}
		ChatOutput.Renamed renamed = new ChatOutput.Renamed(old, nickname);
		Set<Member> audience = new LinkedHashSet<>(audience(member.rooms).keySet());
		audience.add(member);
		audience.forEach((local) -> tell(local, renamed, out));
		String room = member.room();
		this.cluster
			.publish(new ChatEvent.Renamed((room != null) ? room : "", old, nickname, List.copyOf(member.rooms)));
	}

	private void join(Member member, List<String> requested, List<Delivery> out) {
		if (member.dialect.oneRoom()) {
			if (!requested.isEmpty()) {
				move(member, requested.get(0), out);
			}
			return;
		}
		for (String name : requested) {
			Optional<String> room = this.names.canonicalRoom(name);
			if (room.isEmpty()) {
				tell(member, new ChatOutput.Error(ChatError.BAD_ROOM, Text.escapeControls(name), this.names.roomRule()),
						out);
			}
			else if (!member.rooms.contains(room.get()) && mayEnter(member, room.get(), out)) {
				enter(member, room.get(), true, out);
			}
		}
	}

	/**
	 * A member of one room at a time leaves it for another.
	 */
	private void move(Member member, String requested, List<Delivery> out) {
		Optional<String> room = this.names.canonicalRoom(requested);
		String current = member.room();
		if (room.isEmpty()) {
			tell(member,
					new ChatOutput.Error(ChatError.BAD_ROOM, Text.escapeControls(requested), this.names.roomRule()),
					out);
		}
		else if (room.get().equals(current)) {
			tell(member, new ChatOutput.Error(ChatError.ALREADY_IN_ROOM, current, ""), out);
		}
		else if (mayEnter(member, room.get(), out)) {
			if (current != null) {
				leave(member, current, room.get(), "", false, out);
			}
			enter(member, room.get(), true, out);
		}
	}

	private void part(Member member, Part part, List<Delivery> out) {
		String reason = Text.escapeControls(part.reason());
		for (String name : part.rooms()) {
			Optional<String> room = this.names.canonicalRoom(name);
			if (room.isPresent() && member.rooms.contains(room.get())) {
				leave(member, room.get(), null, reason, true, out);
			}
			else {
				boolean exists = room.isPresent()
						&& (this.rooms.containsKey(room.get()) || this.elsewhere.roomSizes().containsKey(room.get()));
				tell(member, new ChatOutput.Error(exists ? ChatError.NOT_IN_ROOM : ChatError.NO_SUCH_ROOM,
						room.orElse(Text.escapeControls(name)), ""), out);
			}
		}
	}

	private void quit(Member member, String reason, List<Delivery> out) {
		String why = Text.escapeControls(reason);
		depart(member, Departure.QUIT, why, out);
		forget(member);
		tell(member, new ChatOutput.Bye(why), out);
	}

	private void who(Member member, String target, List<Delivery> out) {
		if (target == null && member.room() == null) {
			tell(member, new ChatOutput.Error(ChatError.NO_ROOM, "", ""), out);
			return;
		}
		if (target == null || target.startsWith("#")) {
			Optional<String> room = (target != null) ? this.names.canonicalRoom(target)
					: Optional.ofNullable(member.room());
			List<Person> people = room.map(this::people).orElse(List.of());
			tell(member,
					new ChatOutput.WhoList(room.orElse(Text.escapeControls(String.valueOf(target))), people, room
						.map((canonical) -> operatorsOf(canonical, people.stream().map(Person::nickname).toList()))
						.orElse(List.of())),
					out);
			return;
		}
		tell(member, new ChatOutput.WhoList(Text.escapeControls(target), person(target).stream().toList()), out);
	}

	private void names(Member member, List<String> requested, List<Delivery> out) {
		for (String name : requested) {
			Optional<String> room = this.names.canonicalRoom(name);
			List<String> nicknames = room.map((canonical) -> nameList(canonical, null)).orElse(List.of());
			tell(member, new ChatOutput.Names(room.orElse(Text.escapeControls(name)), nicknames,
					room.map((canonical) -> operatorsOf(canonical, nicknames)).orElse(List.of())), out);
		}
	}

	private void whois(Member member, String nickname, List<Delivery> out) {
		Member local = this.nicknames.get(Names.key(nickname));
		if (local != null && local.registered) {
			tell(member, new ChatOutput.Whois(local.person(), List.copyOf(local.rooms)), out);
			return;
		}
		Optional<RemoteMembers.RemoteMember> remote = this.elsewhere.find(nickname);
		if (remote.isPresent()) {
			tell(member, new ChatOutput.Whois(remotePerson(remote.get().nickname()), List.copyOf(remote.get().rooms())),
					out);
			return;
		}
		tell(member, new ChatOutput.Error(ChatError.NO_SUCH_NICKNAME, Text.escapeControls(nickname), ""), out);
	}

	/**
	 * @return the user with a nickname, here or on another instance
	 */
	private Optional<Person> person(String nickname) {
		Member local = this.nicknames.get(Names.key(nickname));
		if (local != null && local.registered) {
			return Optional.of(local.person());
		}
		return this.elsewhere.find(nickname).map((remote) -> remotePerson(remote.nickname()));
	}

	private List<Person> people(String room) {
		List<Person> people = new ArrayList<>();
		for (Member member : this.rooms.getOrDefault(room, Set.of())) {
			people.add(member.person());
		}
		for (String nickname : this.elsewhere.namesIn(room)) {
			people.add(remotePerson(nickname));
		}
		return people;
	}

	private Person remotePerson(String nickname) {
		String shown = Text.escapeControls(nickname);
		return new Person(shown, shown, this.elsewhere.awayOf(nickname), false);
	}

	/**
	 * A member comes into a room: it is told who is there, and of the room's topic and
	 * history, which may have to be fetched first; the room hears of it at once.
	 */
	private void enter(Member member, String room, boolean joined, List<Delivery> out) {
		// Whoever creates a room operates it. Not the default room, which everyone enters
		// on connect: a service operator gives it operators.
		boolean creates = !room.equals(this.defaultRoom) && !this.rooms.containsKey(room)
				&& this.elsewhere.namesIn(room).isEmpty() && !this.moderation.isOperator(room, member.nickname);
		boolean operates = creates && this.moderation.mayCreate(member.nickname);
		if (operates) {
			publish(List.of(this.moderation.createdBy(room, member.nickname)));
		}
		List<String> others = nameList(room, member);
		List<String> everyone = new ArrayList<>(others);
		everyone.add(member.nickname);
		List<String> operators = operatorsOf(room, everyone);
		later(member, this.memory.recall(room, true),
				(recall) -> new ChatOutput.Entered(room, others, joined, operators, recall), out);
		if (creates && !operates) {
			tell(member,
					new ChatOutput.Error(ChatError.TOO_MANY_ROOMS, room, String.valueOf(Moderation.MAX_ROOMS_CREATED)),
					out);
			this.moderation.count(ModerationAction.OP, ModerationAction.Outcome.LIMITED);
		}
		tellRoom(room, member, new ChatOutput.Joined(room, member.nickname), out);
		member.rooms.add(room);
		this.rooms.computeIfAbsent(room, (name) -> new LinkedHashSet<>()).add(member);
		this.cluster.publish(new ChatEvent.Joined(room, member.nickname));
	}

	/**
	 * A member leaves one room, staying in the chat.
	 * @param echo whether the member hears it too, having asked to part
	 */
	private void leave(Member member, String room, String destination, String reason, boolean echo,
			List<Delivery> out) {
		Set<Member> members = this.rooms.get(room);
		ChatOutput.Parted parted = new ChatOutput.Parted(room, member.nickname, destination, reason);
		if (echo) {
			tell(member, parted, out);
		}
		member.rooms.remove(room);
		if (members != null) {
			members.remove(member);
			if (members.isEmpty()) {
				this.rooms.remove(room);
			}
		}
		tellRoom(room, null, parted, out);
		this.cluster.publish(new ChatEvent.Left(room, member.nickname, lineNotice(parted),
				new Parting(How.PART, List.of(room), reason, destination)));
	}

	/**
	 * A member leaves the chat: everyone who shared a room with it hears it once.
	 */
	private void depart(Member member, Departure departure, String reason, List<Delivery> out) {
		removeFromRooms(member);
		announceDeparture(member, departure, reason, out);
		departed(member);
	}

	private void removeFromRooms(Member member) {
		for (String room : member.rooms) {
			Set<Member> members = this.rooms.get(room);
			if (members != null && members.remove(member) && members.isEmpty()) {
				this.rooms.remove(room);
			}
		}
	}

	/**
	 * Tells those who shared a room with a member, now out of its rooms, that it left the
	 * chat, and the other instances.
	 */
	private void announceDeparture(Member member, Departure departure, String reason, List<Delivery> out) {
		audience(member.rooms)
			.forEach((local, room) -> tell(local, new ChatOutput.Quit(member.nickname, room, departure, reason), out));
		publishDeparture(member, departure, reason);
	}

	private void publishDeparture(Member member, Departure departure, String reason) {
		if (!member.registered) {
			return;
		}
		String room = member.room();
		String first = (room != null) ? room : "";
		this.cluster.publish(new ChatEvent.Left(first, member.nickname,
				lineNotice(new ChatOutput.Quit(member.nickname, first, departure, reason)),
				new Parting((departure == Departure.QUIT) ? How.QUIT : How.OFFLINE, List.copyOf(member.rooms), reason,
						null)));
	}

	/**
	 * @return what a line user is told of something, without the leading {@code * }: the
	 * notice of an event, for instances that read no more of it
	 */
	private static String lineNotice(ChatOutput output) {
		return LineDialect.INSTANCE.write(output).get(0).substring(2);
	}

	private void forget(Member member) {
		this.sessions.remove(member.sessionId);
		if (member.nickname != null) {
			this.nicknames.remove(Names.key(member.nickname), member);
		}
		release(member);
	}

	private void release(Member member) {
		if (member.nickname != null) {
			this.cluster.release(member.nickname);
		}
	}

	/**
	 * @return the members here in any of some rooms, each once, with the first of the
	 * rooms it is in
	 */
	/**
	 * @return who hears of a member's comings and goings in these rooms, each with the
	 * first of the rooms they share; rooms too big to announce them are left out
	 */
	private Map<Member, String> audience(Collection<String> rooms) {
		Map<Member, String> audience = new LinkedHashMap<>();
		for (String room : rooms) {
			if (!announces(room)) {
				continue;
			}
			for (Member member : this.rooms.getOrDefault(room, Set.of())) {
				audience.putIfAbsent(member, room);
			}
		}
		return audience;
	}

	private void tellRoom(String room, Member except, ChatOutput output, List<Delivery> out) {
		if ((output instanceof ChatOutput.Joined || output instanceof ChatOutput.Parted) && !announces(room)) {
			return;
		}
		// Members whose dialects write this output alike share its lines, written once.
		Object alike = null;
		List<String> alikeLines = null;
		Set<Member> members = this.rooms.getOrDefault(room, Set.of());
		if (out instanceof ArrayList<Delivery> growing) {
			growing.ensureCapacity(out.size() + members.size());
		}
		for (Member member : members) {
			if (member == except) {
				continue;
			}
			Object writer = member.dialect.writesAlike(output);
			if (writer == null) {
				tell(member, output, member.dialect.write(output), out);
				continue;
			}
			if (writer != alike) {
				alike = writer;
				alikeLines = member.dialect.write(output);
			}
			tell(member, output, alikeLines, out);
		}
	}

	/**
	 * @return whether a room is small enough to hear of comings and goings
	 */
	private boolean announces(String room) {
		return this.maxAnnouncedRoomSize == 0
				|| this.rooms.getOrDefault(room, Set.of()).size() <= this.maxAnnouncedRoomSize;
	}

	/**
	 * Has a member's dialect write something for it; the last line of what ends the
	 * session closes it. While the member waits for something being fetched, it waits
	 * behind it, unless it ends the session.
	 */
	private static void tell(Member member, ChatOutput output, List<Delivery> out) {
		tell(member, output, member.dialect.write(output), out);
	}

	private static List<Delivery> written(Member member, ChatOutput output) {
		return deliveries(member, output, member.dialect.write(output));
	}

	/**
	 * @param written the lines the member's dialect writes for the output
	 */
	private static void tell(Member member, ChatOutput output, List<String> written, List<Delivery> out) {
		if (!member.output.holding()) {
			// Straight into what is delivered: a line to a room of thousands passes here
			// once per member.
			addDeliveries(member, output, written, out);
		}
		else if (output.closes()) {
			member.output.release(out);
			addDeliveries(member, output, written, out);
		}
		else {
			member.output.hold(deliveries(member, output, written));
		}
	}

	private static List<Delivery> deliveries(Member member, ChatOutput output, List<String> lines) {
		List<Delivery> deliveries = new ArrayList<>(lines.size());
		addDeliveries(member, output, lines, deliveries);
		return deliveries;
	}

	private static void addDeliveries(Member member, ChatOutput output, List<String> lines, List<Delivery> out) {
		for (int i = 0; i < lines.size(); i++) {
			out.add(new Delivery(member.sessionId, lines.get(i), output.closes() && i == lines.size() - 1));
		}
	}

	/**
	 * Tells a member something once it is known: at once if it is, otherwise when it
	 * comes, with what the member is told meanwhile waiting behind it.
	 */
	private <T> void later(Member member, CompletableFuture<T> fetched, Function<T, ChatOutput> output,
			List<Delivery> out) {
		if (fetched.isDone()) {
			tell(member, output.apply(fetched.join()), out);
			return;
		}
		Holdback.Slot slot = member.output.reserve();
		// Taken on another thread, which waits for this one to have handed over its
		// lines: those come first.
		fetched.thenAcceptAsync((value) -> {
			synchronized (this) {
				if (this.sessions.get(member.sessionId) != member) {
					return;
				}
				List<Delivery> lines = new ArrayList<>();
				member.output.fill(slot, written(member, output.apply(value)), lines);
				deliver(lines, member.later);
			}
		});
	}

	/**
	 * @return who of the nicknames operates the room, for the dialects that mark them
	 */
	private List<String> operatorsOf(String room, List<String> nicknames) {
		// From the room's few operators, not a lookup per member: a room of thousands
		// is joined by thousands.
		Set<String> operators = new HashSet<>();
		this.moderation.operatorsOf(room).forEach((operator) -> operators.add(Names.key(operator)));
		if (operators.isEmpty()) {
			return List.of();
		}
		return nicknames.stream().filter((nickname) -> operators.contains(Names.key(nickname))).toList();
	}

	private List<String> nameList(String room, Member except) {
		List<String> names = new ArrayList<>(this.rooms.getOrDefault(room, Set.of())
			.stream()
			.filter((member) -> member != except)
			.map((member) -> member.nickname)
			.toList());
		this.elsewhere.namesIn(room).forEach((nickname) -> names.add(Text.escapeControls(nickname)));
		return names;
	}

	private Map<String, Integer> roomSizes() {
		Map<String, Integer> sizes = new TreeMap<>(this.elsewhere.roomSizes());
		this.rooms.forEach((room, members) -> sizes.merge(room, members.size(), Integer::sum));
		if (sizes.isEmpty()) {
			sizes.put(this.defaultRoom, 0);
		}
		return sizes;
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

	private List<Delivery> toEveryone(ChatOutput output) {
		List<Delivery> out = new ArrayList<>();
		for (Member member : this.sessions.values()) {
			if (member.registered) {
				tell(member, output, out);
			}
		}
		return out;
	}

	/**
	 * Takes the rooms' operators, bans and mutes that the cluster's store holds, in place
	 * of what this instance held: as it joins the cluster, and before it serves.
	 */
	public synchronized void restore(List<Restriction> stored) {
		this.moderation.restore(stored);
	}

	/**
	 * @return how many moderation actions ended each way
	 */
	public ModerationCounts moderationCounts() {
		return this.moderation.counts();
	}

	private void moderate(Member member, ChatCommand.Moderate command, List<Delivery> out) {
		switch (command) {
			case ChatCommand.Moderate.Op op ->
				moderatedRoom(member, op.room(), op.grant() ? ModerationAction.OP : ModerationAction.DEOP,
						op.nickname(), out)
					.ifPresent((room) -> op(member, room, op, out));
			case ChatCommand.Moderate.Kick kick ->
				moderatedRoom(member, kick.room(), ModerationAction.KICK, kick.nickname(), out)
					.ifPresent((room) -> kick(member, room, kick, out));
			case ChatCommand.Moderate.Ban ban ->
				moderatedRoom(member, ban.room(), ban.add() ? ModerationAction.BAN : ModerationAction.UNBAN, ban.mask(),
						out)
					.ifPresent((room) -> ban(member, room, ban, out));
			case ChatCommand.Moderate.Mute mute ->
				moderatedRoom(member, mute.room(), mute.add() ? ModerationAction.MUTE : ModerationAction.UNMUTE,
						mute.nickname(), out)
					.ifPresent((room) -> mute(member, room, mute, out));
			case ChatCommand.Moderate.BanList list -> room(member, list.room(), out)
				.ifPresent((room) -> tell(member, new ChatOutput.BanList(room, this.moderation.bans(room)), out));
			case ChatCommand.Moderate.OperatorList list -> room(member, list.room(), out).ifPresent(
					(room) -> tell(member, new ChatOutput.OperatorList(room, this.moderation.operatorsOf(room)), out));
			case ChatCommand.Moderate.Kill kill -> kill(member, kill, out);
			case ChatCommand.Moderate.Oper oper -> throw new IllegalStateException("an operator is checked apart");
		}
	}

	/**
	 * @return the room a command is for: the one named, or the member's own
	 */
	private Optional<String> room(Member member, String requested, List<Delivery> out) {
		if (requested == null) {
			if (member.room() == null) {
				tell(member, new ChatOutput.Error(ChatError.NO_ROOM, "", ""), out);
			}
			return Optional.ofNullable(member.room());
		}
		Optional<String> room = this.names.canonicalRoom(requested);
		if (room.isEmpty()) {
			tell(member,
					new ChatOutput.Error(ChatError.BAD_ROOM, Text.escapeControls(requested), this.names.roomRule()),
					out);
		}
		return room;
	}

	/**
	 * @return the room a command is for, if the member may moderate it; if not, the
	 * member has been told so
	 */
	private Optional<String> moderatedRoom(Member member, String requested, ModerationAction action, String whom,
			List<Delivery> out) {
		return room(member, requested, out).filter((room) -> {
			if (member.serviceOperator != null || this.moderation.isOperator(room, member.nickname)) {
				return true;
			}
			tell(member, new ChatOutput.Error(ChatError.NOT_OPERATOR, room, ""), out);
			audit(member, action, ModerationAction.Outcome.REFUSED, Text.escapeControls(whom), room, "");
			return false;
		});
	}

	private void op(Member member, String room, ChatCommand.Moderate.Op op, List<Delivery> out) {
		ModerationAction action = op.grant() ? ModerationAction.OP : ModerationAction.DEOP;
		Optional<String> target = inRoom(member, op.nickname(), room, action, out);
		if (target.isEmpty()) {
			return;
		}
		Optional<ChatEvent.Moderated> change = op.grant()
				? Optional.of(this.moderation.grantOperator(room, target.get(), member.nickname))
				: this.moderation.revokeOperator(room, target.get(), member.nickname);
		done(member, action, change, target.get(), room, "", target.get() + " is not an operator of " + room, out);
	}

	private void kick(Member member, String room, ChatCommand.Moderate.Kick kick, List<Delivery> out) {
		Optional<String> target = inRoom(member, kick.nickname(), room, ModerationAction.KICK, out);
		if (target.isEmpty()) {
			return;
		}
		String reason = Text.escapeControls(kick.reason());
		audit(member, ModerationAction.KICK, ModerationAction.Outcome.DONE, target.get(), room, reason);
		Member local = this.nicknames.get(Names.key(target.get()));
		if (local != null) {
			kickOut(local, room, member.nickname, reason, out);
		}
		else {
			// Done by the instance the user is on, which tells every instance as it does.
			this.cluster.publish(new ChatEvent.Removal(target.get(), room, member.nickname, reason));
		}
		if (!member.rooms.contains(room) && member != local) {
			tell(member, new ChatOutput.Kicked(room, target.get(), member.nickname, reason), out);
		}
	}

	private void ban(Member member, String room, ChatCommand.Moderate.Ban ban, List<Delivery> out) {
		ModerationAction action = ban.add() ? ModerationAction.BAN : ModerationAction.UNBAN;
		Optional<BanMask> mask = BanMask.parse(ban.mask());
		if (mask.isEmpty()) {
			tell(member, new ChatOutput.Error(ChatError.BAD_MASK, Text.escapeControls(ban.mask()), ""), out);
			audit(member, action, ModerationAction.Outcome.INVALID, Text.escapeControls(ban.mask()), room, "");
			return;
		}
		if (ban.add() && !this.moderation.mayBan(room, mask.get())) {
			tell(member,
					new ChatOutput.Error(ChatError.TOO_MANY_BANS, room, String.valueOf(Moderation.MAX_BANS_PER_ROOM)),
					out);
			audit(member, action, ModerationAction.Outcome.LIMITED, mask.get().text(), room, "");
			return;
		}
		String reason = Text.escapeControls(ban.reason());
		Optional<ChatEvent.Moderated> change = ban.add()
				? Optional.of(this.moderation.ban(room, mask.get(), member.nickname, reason))
				: this.moderation.unban(room, mask.get(), member.nickname);
		done(member, action, change, mask.get().text(), room, reason, "no ban on " + mask.get().text() + " in " + room,
				out);
	}

	private void mute(Member member, String room, ChatCommand.Moderate.Mute mute, List<Delivery> out) {
		ModerationAction action = mute.add() ? ModerationAction.MUTE : ModerationAction.UNMUTE;
		Optional<String> target = inRoom(member, mute.nickname(), room, action, out);
		if (target.isEmpty()) {
			return;
		}
		Optional<ChatEvent.Moderated> change = mute.add()
				? Optional.of(this.moderation.mute(room, target.get(), member.nickname, mute.duration()))
				: this.moderation.unmute(room, target.get(), member.nickname);
		done(member, action, change, target.get(), room, "", target.get() + " is not muted in " + room, out);
	}

	private void kill(Member member, ChatCommand.Moderate.Kill kill, List<Delivery> out) {
		if (member.serviceOperator == null) {
			tell(member, new ChatOutput.Error(ChatError.NOT_SERVICE_OPERATOR, "", ""), out);
			audit(member, ModerationAction.KILL, ModerationAction.Outcome.REFUSED, Text.escapeControls(kill.nickname()),
					"", "");
			return;
		}
		String reason = Text.escapeControls(kill.reason());
		Member local = this.nicknames.get(Names.key(kill.nickname()));
		Optional<RemoteMembers.RemoteMember> remote = this.elsewhere.find(kill.nickname());
		if ((local == null || !local.registered) && remote.isEmpty()) {
			tell(member, new ChatOutput.Error(ChatError.NO_SUCH_NICKNAME, Text.escapeControls(kill.nickname()), ""),
					out);
			audit(member, ModerationAction.KILL, ModerationAction.Outcome.INVALID, Text.escapeControls(kill.nickname()),
					"", "");
			return;
		}
		String target = (local != null && local.registered) ? local.nickname : remote.get().nickname();
		audit(member, ModerationAction.KILL, ModerationAction.Outcome.DONE, target, "", reason);
		if (local != null && local.registered) {
			killed(local, member.nickname, reason, out);
		}
		else {
			this.cluster.publish(new ChatEvent.Removal(target, "", member.nickname, reason));
		}
	}

	/**
	 * @return the nickname of a user in a room, here or on another instance; if there is
	 * none, the member has been told so
	 */
	private Optional<String> inRoom(Member member, String nickname, String room, ModerationAction action,
			List<Delivery> out) {
		Member local = this.nicknames.get(Names.key(nickname));
		if (local != null && local.registered && local.rooms.contains(room)) {
			return Optional.of(local.nickname);
		}
		Optional<RemoteMembers.RemoteMember> remote = this.elsewhere.find(nickname);
		if (remote.isPresent() && remote.get().rooms().contains(room)) {
			return Optional.of(remote.get().nickname());
		}
		tell(member, new ChatOutput.Error(ChatError.THEY_NOT_IN_ROOM, Text.escapeControls(nickname), room), out);
		audit(member, action, ModerationAction.Outcome.INVALID, Text.escapeControls(nickname), room, "");
		return Optional.empty();
	}

	/**
	 * A moderation change decided, or nothing to undo: counted, logged, told.
	 */
	private void done(Member member, ModerationAction action, Optional<ChatEvent.Moderated> change, String whom,
			String room, String reason, String nothing, List<Delivery> out) {
		if (change.isEmpty()) {
			tell(member, new ChatOutput.Error(ChatError.INVALID, "", nothing), out);
			audit(member, action, ModerationAction.Outcome.INVALID, whom, room, reason);
			return;
		}
		audit(member, action, ModerationAction.Outcome.DONE, whom, room, reason);
		this.cluster.publish(change.get());
		announce(change.get(), member, out);
	}

	/**
	 * Tells a room of a change of its operators, bans or mutes, and the member who
	 * decided it if it is not in the room.
	 */
	private void announce(ChatEvent.Moderated moderated, Member actor, List<Delivery> out) {
		if (!moderated.change().told()) {
			return;
		}
		Restriction restriction = moderated.restriction();
		boolean added = moderated.change() == ChatEvent.Moderated.Change.ADDED;
		ChatOutput.Moderated output = new ChatOutput.Moderated(restriction, added,
				Text.escapeControls(moderated.actor()),
				added ? Moderation.lasting(restriction.until() - this.moderation.now()) : "");
		tellRoom(restriction.room(), null, output, out);
		if (actor != null && !actor.rooms.contains(restriction.room())) {
			tell(actor, output, out);
		}
	}

	/**
	 * Changes nobody is told of, for the other instances and the store.
	 */
	private void publish(List<ChatEvent.Moderated> changes) {
		changes.forEach(this.cluster::publish);
	}

	private void kickOut(Member target, String room, String by, String reason, List<Delivery> out) {
		tell(target, new ChatOutput.KickedOut(room, by, reason), out);
		target.rooms.remove(room);
		Set<Member> members = this.rooms.get(room);
		if (members != null && members.remove(target) && members.isEmpty()) {
			this.rooms.remove(room);
		}
		tellRoom(room, null, new ChatOutput.Kicked(room, target.nickname, by, reason), out);
		this.cluster.publish(new ChatEvent.Kicked(room, target.nickname, by, reason));
	}

	private void killed(Member target, String by, String reason, List<Delivery> out) {
		depart(target, Departure.OFFLINE, "killed by " + by + (reason.isEmpty() ? "" : ": " + reason), out);
		forget(target);
		tell(target, new ChatOutput.Killed(by, reason), out);
	}

	/**
	 * Another instance's moderator removes a user of this instance from a room, or from
	 * the chat.
	 */
	private void removal(ChatEvent.Removal removal, List<Delivery> out) {
		Member target = this.nicknames.get(Names.key(removal.nickname()));
		if (target == null || !target.registered) {
			return;
		}
		String by = Text.escapeControls(removal.by());
		String reason = Text.escapeControls(removal.reason());
		if (removal.room().isEmpty()) {
			killed(target, by, reason, out);
		}
		else if (target.rooms.contains(removal.room())) {
			kickOut(target, removal.room(), by, reason, out);
		}
	}

	/**
	 * @return whether the member may come into a room; if banned from it, it has been
	 * told so
	 */
	private boolean mayEnter(Member member, String room, List<Delivery> out) {
		Optional<Restriction> ban = this.moderation.banned(room, member.nickname, member.peer);
		ban.ifPresent((restriction) -> refuseEntry(member, restriction, out));
		return ban.isEmpty();
	}

	private void refuseEntry(Member member, Restriction ban, List<Delivery> out) {
		tell(member, new ChatOutput.Error(ChatError.BANNED, ban.room(), ban.reason()), out);
		this.moderation.count(ModerationAction.BAN, ModerationAction.Outcome.ENFORCED);
	}

	/**
	 * @return whether a ban or a mute keeps the member's line from a room; if so, the
	 * member has been told why
	 */
	private boolean silenced(Member member, String room, List<Delivery> out) {
		Optional<Restriction> ban = this.moderation.banned(room, member.nickname, member.peer);
		if (ban.isPresent()) {
			refuseEntry(member, ban.get(), out);
			return true;
		}
		Optional<Restriction> mute = this.moderation.muted(room, member.nickname);
		if (mute.isPresent()) {
			tell(member,
					new ChatOutput.Error(ChatError.MUTED, room,
							Moderation.lasting(mute.get().until() - this.moderation.now()).replace(" ", " more ")),
					out);
			this.moderation.count(ModerationAction.MUTE, ModerationAction.Outcome.ENFORCED);
			return true;
		}
		return false;
	}

	/**
	 * @return whether the member may try {@code /oper} now; if not, it has been told why
	 */
	private boolean mayTryOper(Member member, ChatCommand.Moderate.Oper oper, List<Delivery> out) {
		ServiceOperators operators = this.moderation.serviceOperators();
		if (operators.mayTry(member.peer.address(), this.clock.getAsLong())) {
			return true;
		}
		tell(member, new ChatOutput.Error(ChatError.OPER_THROTTLED, "", String.valueOf(operators.attemptsPerMinute())),
				out);
		audit(member, ModerationAction.OPER, ModerationAction.Outcome.THROTTLED, Text.escapeControls(oper.name()), "",
				"");
		return false;
	}

	private void opered(Member member, ChatCommand.Moderate.Oper oper, boolean verified, List<Delivery> out) {
		if (this.sessions.get(member.sessionId) != member) {
			return;
		}
		String name = Text.escapeControls(oper.name());
		if (verified) {
			member.serviceOperator = oper.name();
			tell(member, new ChatOutput.OperUp(name), out);
		}
		else {
			tell(member, new ChatOutput.Error(ChatError.OPER_FAILED, "", ""), out);
		}
		audit(member, ModerationAction.OPER,
				verified ? ModerationAction.Outcome.DONE : ModerationAction.Outcome.REFUSED, name, "", "");
	}

	private void audit(Member member, ModerationAction action, ModerationAction.Outcome outcome, String whom,
			String room, String reason) {
		String who = member.nickname
				+ ((member.serviceOperator != null)
						? " (service operator " + Text.escapeControls(member.serviceOperator) + ")" : "")
				+ " from " + (member.peer.address().isEmpty() ? "?" : member.peer.address());
		this.moderation.audit(who, action, outcome, whom, room, reason);
	}

	private void arrived(Member member) {
		publish(this.moderation.arrived(member.nickname));
	}

	private void departed(Member member) {
		if (member.registered && member.nickname != null) {
			publish(this.moderation.departed(member.nickname));
		}
	}

	/**
	 * Where a session is.
	 *
	 * @param nickname its current nickname; null for a session still registering
	 * @param room the (first) room it is in; null for none
	 */
	public record Presence(String nickname, String room) {
	}

	/**
	 * A line too long to be read, waiting in its place among a member's lines.
	 */
	private record TooLong(int maxBytes) {
	}

	/**
	 * What is decided without the chat's lock held before a member's line is answered,
	 * its later lines waiting meanwhile.
	 */
	private sealed interface Pending {

		/** A nickname, claimed in the cluster. */
		record Claim(String nickname) implements Pending {
		}

		/** A service operator's credentials, checked. */
		record Verify(ChatCommand.Moderate.Oper oper) implements Pending {
		}

	}

}
