package dev.sockets.limits;

import java.net.InetAddress;
import java.util.List;

/**
 * Who may use a listener, like xinetd's {@code only_from} and {@code no_access}: an
 * address is allowed if the allow list is empty or holds it, unless the deny list holds
 * it — deny wins.
 *
 * @param allow ranges allowed; empty for everyone
 * @param deny ranges denied, even if allowed
 */
public record AccessRules(List<AddressRange> allow, List<AddressRange> deny) {

	public AccessRules {
		allow = List.copyOf(allow);
		deny = List.copyOf(deny);
	}

	public boolean permits(InetAddress address) {
		for (AddressRange range : this.deny) {
			if (range.contains(address)) {
				return false;
			}
		}
		if (this.allow.isEmpty()) {
			return true;
		}
		for (AddressRange range : this.allow) {
			if (range.contains(address)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * @return whether every address is allowed, so there is nothing to check
	 */
	public boolean permitsEveryone() {
		return this.allow.isEmpty() && this.deny.isEmpty();
	}

}
