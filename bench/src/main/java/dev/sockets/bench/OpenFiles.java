package dev.sockets.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How many files (sockets among them) a process may open: the soft limit of this one,
 * which the servers it starts inherit. Each held connection takes one in the server and
 * one in the load generator, so the limit bounds how many can be held at once.
 */
final class OpenFiles {

	/** Left to each process for its jars, logs, listeners and epoll descriptors. */
	static final int HEADROOM = 1_000;

	private OpenFiles() {
	}

	/**
	 * @return the soft limit on open files, or {@link Integer#MAX_VALUE} if unlimited or
	 * unknown
	 */
	static int limit() {
		try {
			for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
				if (line.startsWith("Max open files")) {
					String soft = line.substring("Max open files".length()).trim().split("\\s+")[0];
					return soft.equals("unlimited") ? Integer.MAX_VALUE : Integer.parseInt(soft);
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// Not Linux, or a format not known: the scenario tries the size it was given.
		}
		return Integer.MAX_VALUE;
	}

	/**
	 * @return as many connections as asked for, or as many as both ends can hold
	 */
	static int connections(int wanted) {
		return Math.min(wanted, Math.max(0, limit() - HEADROOM));
	}

}
