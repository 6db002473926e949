package dev.sockets.udp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The UDP sockets a process has bound to a port, as the kernel lists them.
 */
final class UdpSockets {

	private UdpSockets() {
	}

	/**
	 * @param pid the process, or "self"
	 * @return the inodes of its UDP sockets bound to the port
	 */
	static Set<String> of(String pid, int port) throws IOException {
		Path proc = Path.of("/proc", pid);
		Set<String> own = new HashSet<>();
		try (Stream<Path> descriptors = Files.list(proc.resolve("fd"))) {
			for (Path descriptor : descriptors.toList()) {
				try {
					String target = Files.readSymbolicLink(descriptor).toString();
					if (target.startsWith("socket:[")) {
						own.add(target.substring(8, target.length() - 1));
					}
				}
				catch (IOException ex) {
					// Closed while being read.
				}
			}
		}
		String localPort = String.format(Locale.ROOT, ":%04X", port);
		Set<String> bound = new HashSet<>();
		for (String table : List.of("net/udp", "net/udp6")) {
			for (String line : Files.readAllLines(proc.resolve(table))) {
				String[] fields = line.strip().split("\\s+");
				if (fields.length > 9 && fields[1].endsWith(localPort) && own.contains(fields[9])) {
					bound.add(fields[9]);
				}
			}
		}
		return bound;
	}

}
