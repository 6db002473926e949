package dev.sockets.tcp;

import dev.sockets.listener.Rejection;

/**
 * Where a listener hears of the connections it turned away: counted and logged.
 */
@FunctionalInterface
interface Refusals {

	/**
	 * @param reason the reason as counted
	 * @param client who was turned away, as far as known
	 * @param why the reason in words, for the log
	 */
	void refused(Rejection reason, Client client, String why);

}
