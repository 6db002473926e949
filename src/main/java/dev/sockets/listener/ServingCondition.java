package dev.sockets.listener;

/**
 * What a service's listeners wait for before they accept their first client, such as a
 * chat joining the other instances of its cluster: a client let in earlier would see a
 * chat that is only part of the one it joins.
 */
public interface ServingCondition {

	/**
	 * @return the service whose listeners wait
	 */
	Service service();

	/**
	 * Waits until the service can be served, or until the condition's own time limit,
	 * after which the service is served as it is.
	 */
	void await();

}
