package dev.sockets.chat;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Restrictions of one kind by key, each until it ends: ended ones are ignored at once and
 * forgotten when next looked through. What each kind asks of its table is in its own
 * class.
 */
class RestrictionTable {

	private final Map<String, Restriction> restrictions = new TreeMap<>();

	void put(Restriction restriction) {
		this.restrictions.put(restriction.key(), restriction);
	}

	void remove(Restriction restriction) {
		this.restrictions.remove(restriction.key());
	}

	Optional<Restriction> find(String key, long now) {
		Restriction restriction = this.restrictions.get(key);
		if (restriction == null) {
			return Optional.empty();
		}
		if (restriction.expired(now)) {
			this.restrictions.remove(key);
			return Optional.empty();
		}
		return Optional.of(restriction);
	}

	/**
	 * @return the restrictions of a room in force, in the order of their subjects
	 */
	List<Restriction> in(String room, long now) {
		List<Restriction> found = new ArrayList<>();
		for (Iterator<Restriction> all = this.restrictions.values().iterator(); all.hasNext();) {
			Restriction restriction = all.next();
			if (restriction.expired(now)) {
				all.remove();
			}
			else if (restriction.room().equals(room)) {
				found.add(restriction);
			}
		}
		return found;
	}

	/**
	 * @return the restrictions in force of a nickname, in any room, following it through
	 * a rename
	 */
	List<Restriction> held(String nickname, long now) {
		return of(Names.key(nickname), now);
	}

	/**
	 * @return the restrictions in force of a subject, in any room
	 */
	private List<Restriction> of(String subject, long now) {
		List<Restriction> found = new ArrayList<>();
		for (Restriction restriction : List.copyOf(this.restrictions.values())) {
			if (restriction.subject().equals(subject) && find(restriction.key(), now).isPresent()) {
				found.add(restriction);
			}
		}
		return found;
	}

	void clear() {
		this.restrictions.clear();
	}

}
