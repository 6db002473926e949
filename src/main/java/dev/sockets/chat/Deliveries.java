package dev.sockets.chat;

import java.util.List;

/**
 * Where chat output goes to be written: given lines for sessions, it writes each to its
 * session. The chat itself answers its callers with deliveries; this is for output that
 * arises elsewhere, such as events of the other instances of a cluster.
 */
@FunctionalInterface
public interface Deliveries {

	void deliver(List<Delivery> deliveries);

}
