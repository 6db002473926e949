package dev.sockets.chat;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Who is on the other instances of a chat cluster, and in which rooms: kept from their
 * events and their periodic {@link ChatEvent.Present presence}, and forgotten for an
 * instance that has been silent too long. Not thread-safe: the chat's lock guards it.
 */
final class RemoteMembers {

	private final Map<String, Instance> instances = new HashMap<>();

	/**
	 * An instance was heard from.
	 */
	void heard(String origin, long now) {
		instance(origin, now);
	}

	/**
	 * An instance told who is on it: that replaces what was known of it.
	 */
	void present(String origin, List<ChatEvent.Present.Member> members, long now) {
		Instance instance = instance(origin, now);
		instance.members.clear();
		instance.away.clear();
		for (ChatEvent.Present.Member member : members) {
			instance.members.computeIfAbsent(Names.key(member.nickname()), (key) -> new RemoteMember(member.nickname()))
				.rooms()
				.addAll(member.rooms());
			if (!member.away().isEmpty()) {
				instance.away.put(Names.key(member.nickname()), member.away());
			}
		}
	}

	/**
	 * A user is away, or back.
	 * @param message why; empty for back
	 */
	void away(String origin, String nickname, String message, long now) {
		Instance instance = instance(origin, now);
		if (message.isEmpty()) {
			instance.away.remove(Names.key(nickname));
		}
		else if (instance.members.containsKey(Names.key(nickname))) {
			instance.away.put(Names.key(nickname), message);
		}
	}

	/**
	 * @return why the user with this nickname on another instance is away; empty where it
	 * is not, or is not known
	 */
	String awayOf(String nickname) {
		String key = Names.key(nickname);
		for (Instance instance : this.instances.values()) {
			String away = instance.away.get(key);
			if (away != null) {
				return away;
			}
		}
		return "";
	}

	void joined(String origin, String room, String nickname, long now) {
		instance(origin, now).members.computeIfAbsent(Names.key(nickname), (key) -> new RemoteMember(nickname))
			.rooms()
			.add(room);
	}

	/**
	 * A user left some rooms, staying in the chat.
	 */
	void parted(String origin, String nickname, Collection<String> rooms, long now) {
		RemoteMember member = instance(origin, now).members.get(Names.key(nickname));
		if (member != null) {
			member.rooms().removeAll(rooms);
		}
	}

	/**
	 * A user left the chat.
	 * @return the user as it was, if it was known
	 */
	Optional<RemoteMember> left(String origin, String nickname, long now) {
		Instance instance = instance(origin, now);
		instance.away.remove(Names.key(nickname));
		return Optional.ofNullable(instance.members.remove(Names.key(nickname)));
	}

	/**
	 * @return the user as it is now, if it was known
	 */
	Optional<RemoteMember> renamed(String origin, String from, String to, long now) {
		Instance instance = instance(origin, now);
		RemoteMember member = instance.members.remove(Names.key(from));
		if (member == null) {
			return Optional.empty();
		}
		RemoteMember renamed = new RemoteMember(to, member.rooms());
		instance.members.put(Names.key(to), renamed);
		String away = instance.away.remove(Names.key(from));
		if (away != null) {
			instance.away.put(Names.key(to), away);
		}
		return Optional.of(renamed);
	}

	/**
	 * @return the user with this nickname on another instance, if any
	 */
	Optional<RemoteMember> find(String nickname) {
		String key = Names.key(nickname);
		for (Instance instance : this.instances.values()) {
			RemoteMember member = instance.members.get(key);
			if (member != null) {
				return Optional.of(member);
			}
		}
		return Optional.empty();
	}

	/**
	 * @return the nicknames of the users in a room on other instances
	 */
	List<String> namesIn(String room) {
		List<String> names = new ArrayList<>();
		for (Instance instance : this.instances.values()) {
			for (RemoteMember member : instance.members.values()) {
				if (member.rooms().contains(room)) {
					names.add(member.nickname());
				}
			}
		}
		names.sort(String.CASE_INSENSITIVE_ORDER);
		return names;
	}

	/**
	 * @return how many users each room has on other instances
	 */
	Map<String, Integer> roomSizes() {
		Map<String, Integer> sizes = new TreeMap<>();
		for (Instance instance : this.instances.values()) {
			for (RemoteMember member : instance.members.values()) {
				for (String room : member.rooms()) {
					sizes.merge(room, 1, Integer::sum);
				}
			}
		}
		return sizes;
	}

	/**
	 * Forgets the instances not heard from since a moment.
	 * @return the users they had
	 */
	List<RemoteMember> expire(long silentSince) {
		List<RemoteMember> gone = new ArrayList<>();
		for (Iterator<Instance> it = this.instances.values().iterator(); it.hasNext();) {
			Instance instance = it.next();
			if (instance.lastHeard - silentSince < 0) {
				gone.addAll(instance.members.values());
				it.remove();
			}
		}
		return gone;
	}

	void clear() {
		this.instances.clear();
	}

	int instances() {
		return this.instances.size();
	}

	int members() {
		return this.instances.values().stream().mapToInt((instance) -> instance.members.size()).sum();
	}

	private Instance instance(String origin, long now) {
		Instance instance = this.instances.computeIfAbsent(origin, (id) -> new Instance());
		instance.lastHeard = now;
		return instance;
	}

	/**
	 * A user on another instance.
	 *
	 * @param nickname the user's nickname
	 * @param rooms the rooms the user is in, in the order joined
	 */
	record RemoteMember(String nickname, Set<String> rooms) {

		RemoteMember(String nickname) {
			this(nickname, new LinkedHashSet<>());
		}

		/**
		 * @return the first room the user is in, or null for none
		 */
		String room() {
			return this.rooms.isEmpty() ? null : this.rooms.iterator().next();
		}

	}

	private static final class Instance {

		private final Map<String, RemoteMember> members = new LinkedHashMap<>();

		/** Why its users who are away are, by nickname key. */
		private final Map<String, String> away = new HashMap<>();

		private long lastHeard;

	}

}
