package dev.sockets.udp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The kernel's count of datagrams dropped for a listener's UDP sockets because their
 * receive buffers were full, read from {@code /proc/net/udp} and {@code /proc/net/udp6}
 * (the {@code drops} column of each socket's row) every time it is asked for.
 * <p>
 * The socket's row is the one with its local address and port. Java binds IPv4 addresses
 * on dual-stack sockets, so {@code 127.0.0.1} shows in {@code udp6} as
 * {@code ::ffff:127.0.0.1} and {@code 0.0.0.0} as {@code ::}; both forms are the same
 * address here. A listener on epoll has a socket per I/O thread on its port
 * (SO_REUSEPORT), and other processes' sockets may share it too: the rows of the sockets
 * this process holds are chosen by their inodes, among those in {@code /proc/self/fd},
 * and their drops added up. Where the files are missing (not Linux) the count is 0.
 */
final class KernelDrops {

	private static final int LOCAL_ADDRESS = 1;

	private static final int INODE = 9;

	private static final int DROPS = 12;

	private final Path proc;

	private final InetSocketAddress address;

	/**
	 * @param proc where procfs is mounted, {@code /proc}
	 * @param address the socket's local address and port
	 */
	KernelDrops(Path proc, InetSocketAddress address) {
		this.proc = proc;
		this.address = address;
	}

	/**
	 * @return the socket's drops, or 0 if the system does not tell
	 */
	long read() {
		List<Row> rows = new ArrayList<>();
		rows.addAll(rows(this.proc.resolve("net/udp")));
		rows.addAll(rows(this.proc.resolve("net/udp6")));
		if (rows.size() > 1) {
			Set<Long> own = ownSocketInodes();
			rows.removeIf((row) -> !own.contains(row.inode()));
		}
		return rows.stream().mapToLong(Row::drops).sum();
	}

	private List<Row> rows(Path table) {
		List<Row> rows = new ArrayList<>();
		try {
			for (String line : Files.readAllLines(table)) {
				String[] fields = line.strip().split("\\s+");
				if (fields.length > DROPS && fields[0].endsWith(":") && matches(fields[LOCAL_ADDRESS])) {
					rows.add(new Row(Long.parseLong(fields[INODE]), Long.parseLong(fields[DROPS])));
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// Not Linux, or a table of another shape: nothing to tell.
		}
		return rows;
	}

	/**
	 * @param local {@code 0100007F:1F90}: the address as the kernel holds it, each 32-bit
	 * word printed in the machine's byte order, and the port
	 */
	private boolean matches(String local) throws UnknownHostException {
		int colon = local.indexOf(':');
		if (colon < 0 || Integer.parseInt(local.substring(colon + 1), 16) != this.address.getPort()) {
			return false;
		}
		String hex = local.substring(0, colon);
		ByteBuffer bytes = ByteBuffer.allocate(hex.length() / 2).order(ByteOrder.nativeOrder());
		for (int word = 0; word < hex.length(); word += 8) {
			bytes.putInt((int) Long.parseLong(hex.substring(word, word + 8), 16));
		}
		// An IPv4-mapped IPv6 address comes back as the IPv4 address.
		InetAddress row = InetAddress.getByAddress(bytes.array());
		InetAddress own = this.address.getAddress();
		return row.equals(own) || (row.isAnyLocalAddress() && own.isAnyLocalAddress());
	}

	private Set<Long> ownSocketInodes() {
		Set<Long> inodes = new HashSet<>();
		try (DirectoryStream<Path> descriptors = Files.newDirectoryStream(this.proc.resolve("self/fd"))) {
			for (Path descriptor : descriptors) {
				try {
					String target = Files.readSymbolicLink(descriptor).toString();
					if (target.startsWith("socket:[")) {
						inodes.add(Long.parseLong(target.substring(8, target.length() - 1)));
					}
				}
				catch (IOException ex) {
					// Closed while being read.
				}
			}
		}
		catch (IOException ex) {
			// Nothing to choose by: the rows are summed.
		}
		return inodes;
	}

	private record Row(long inode, long drops) {
	}

}
