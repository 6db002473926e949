package dev.sockets.udp;

import java.net.InetSocketAddress;
import java.nio.file.Path;

/**
 * A listener's kernel drops since it started: what its sockets open now dropped, read
 * from the kernel, and what its sockets closed before dropped, kept when they closed (the
 * kernel forgets a socket's count with it).
 */
final class KernelDropCount {

	private final KernelDrops kernel;

	/** Drops of the sockets closed so far. */
	private long closedSockets;

	KernelDropCount(InetSocketAddress address) {
		this.kernel = new KernelDrops(Path.of("/proc"), address);
	}

	/**
	 * @param open whether the listener's sockets are open now
	 */
	synchronized long read(boolean open) {
		return this.closedSockets + (open ? this.kernel.read() : 0);
	}

	/**
	 * Closes the listener's sockets, keeping what they dropped; never counted both as
	 * theirs and as closed sockets'.
	 * @param open whether they are open now
	 */
	synchronized void closing(boolean open, Runnable close) {
		if (open) {
			this.closedSockets += this.kernel.read();
		}
		close.run();
	}

}
