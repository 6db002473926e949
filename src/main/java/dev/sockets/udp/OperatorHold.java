package dev.sockets.udp;

import dev.sockets.listener.ListenerId;
import dev.sockets.listener.ListenerState;
import dev.sockets.listener.ListenerStatus;

/**
 * An operator's pause or drain of a UDP listener, and why: a held listener stays stopped,
 * whatever starts it again (the application context restarting its beans), until it is
 * resumed. Draining is pausing: a UDP listener has no connections to close.
 */
final class OperatorHold {

	/** Null unless an operator paused or drained the listener. */
	private volatile ListenerStatus held;

	boolean isHeld() {
		return this.held != null;
	}

	/**
	 * @param serving whether the listener is serving now
	 */
	ListenerStatus status(ListenerId listener, boolean serving) {
		ListenerStatus held = this.held;
		if (held != null) {
			return held;
		}
		return serving ? ListenerStatus.SERVING : ListenerStatus.stopped(listener.protocol());
	}

	/**
	 * Holds the listener, then stops it.
	 */
	void hold(ListenerState state, String reason, Runnable stop) {
		this.held = ListenerStatus.held(state, reason);
		stop.run();
	}

	/**
	 * Lets the listener go, then starts it; it stays held if it cannot start (its port
	 * was taken meanwhile).
	 */
	void resume(Runnable restart) {
		ListenerStatus held = this.held;
		if (held == null) {
			return;
		}
		this.held = null;
		try {
			restart.run();
		}
		catch (RuntimeException ex) {
			this.held = held;
			throw ex;
		}
	}

}
