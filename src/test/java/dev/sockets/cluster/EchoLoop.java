package dev.sockets.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An echo client of the chaos soak: one round trip per tick to its side's current
 * instance, connecting again after a failure.
 */
final class EchoLoop implements AutoCloseable {

	private final Side side;

	private final String name;

	private Socket socket;

	private BufferedReader in;

	private long sequence;

	private final AtomicLong answered = new AtomicLong();

	private final AtomicLong wrong = new AtomicLong();

	private final List<Long> failures = new CopyOnWriteArrayList<>();

	EchoLoop(Side side, int index) {
		this.side = side;
		this.name = side.name() + "-echo-" + index;
	}

	synchronized void tick() {
		try {
			if (this.socket == null) {
				Socket socket = new Socket();
				socket.connect(new InetSocketAddress("127.0.0.1", this.side.echoPort()), 2000);
				socket.setSoTimeout(2000);
				this.socket = socket;
				this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
			}
			String line = this.name + " " + (++this.sequence);
			this.socket.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
			String answer = this.in.readLine();
			if (answer == null) {
				throw new IOException("closed by the server");
			}
			if (answer.equals(line)) {
				this.answered.incrementAndGet();
			}
			else {
				this.wrong.incrementAndGet();
			}
		}
		catch (IOException ex) {
			this.failures.add(System.nanoTime());
			close();
		}
	}

	long answered() {
		return this.answered.get();
	}

	long wrong() {
		return this.wrong.get();
	}

	List<Long> failures() {
		return this.failures;
	}

	/**
	 * @return when it failed other than while its own instance was killed and starting
	 * again
	 */
	List<Long> failuresOutside(List<ClusterChaosIT.Fault> faults) {
		return this.failures.stream()
			.filter((at) -> faults.stream()
				.noneMatch((fault) -> fault.kind() == ClusterChaosIT.Fault.Kind.KILL
						&& fault.side().equals(this.side.name())
						&& at >= fault.start() - ClusterChaosIT.BEFORE_FAULT_NANOS
						&& at <= fault.end() + ClusterChaosIT.AFTER_FAULT_NANOS))
			.toList();
	}

	@Override
	public synchronized void close() {
		if (this.socket != null) {
			try {
				this.socket.close();
			}
			catch (IOException ex) {
				// closing anyway
			}
			this.socket = null;
		}
	}

}
