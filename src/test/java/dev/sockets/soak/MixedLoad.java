package dev.sockets.soak;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import dev.sockets.support.ChatUser;
import dev.sockets.support.DatagramClient;
import dev.sockets.support.LineClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mixed traffic against every service, with connection churn: workers, each from its own
 * loopback address so that it stays within the per-source limits the service ships with,
 * open a connection or send a datagram, check the answer, and close, several times a
 * second; a few long-lived clients talk steadily alongside. Every answer is checked;
 * anything unexpected is counted as an error.
 */
final class MixedLoad {

	/** How many actions of each kind a worker takes per round, in order. */
	private static final List<String> ROUND = List.of("time-tcp", "echo-tcp", "echo-udp", "time-udp", "chat-tcp",
			"echo-tcp", "echo-udp");

	private static final int ECHO_LINES = 20;

	private static final int LONG_LIVED_ECHO = 4;

	private final Ports ports;

	private final int workers;

	private final long intervalNanos;

	private final AtomicLong errors = new AtomicLong();

	private final Queue<String> firstErrors = new ConcurrentLinkedQueue<>();

	private final Map<String, AtomicLong> actions = new ConcurrentHashMap<>();

	private volatile boolean stopping;

	/**
	 * @param ports where the service listens
	 * @param workers workers taking actions, each from its own address
	 * @param actionsPerSecond actions each worker takes per second
	 */
	MixedLoad(Ports ports, int workers, double actionsPerSecond) {
		this.ports = ports;
		this.workers = workers;
		this.intervalNanos = (long) (1e9 / actionsPerSecond);
	}

	/**
	 * Runs the load for a while and returns what happened.
	 */
	Result run(Duration duration) {
		this.stopping = false;
		this.errors.set(0);
		this.firstErrors.clear();
		this.actions.clear();
		Instant end = Instant.now().plus(duration);
		List<Thread> threads = new ArrayList<>();
		List<ChatUser> listeners = new ArrayList<>();
		List<LineClient> steady = new ArrayList<>();
		ScheduledExecutorService talk = Executors.newSingleThreadScheduledExecutor();
		try {
			for (int i = 0; i < 2; i++) {
				ChatUser listener = ChatUser.join("127.0.0.10", this.ports.chat());
				listeners.add(listener);
				threads.add(Thread.ofPlatform().name("chat-listener-" + i).start(() -> listen(listener)));
			}
			for (int i = 0; i < LONG_LIVED_ECHO; i++) {
				steady.add(LineClient.connectFrom("127.0.0.11", this.ports.echoTcp()));
			}
			// The long-lived clients speak every second: well inside the idle timeout,
			// and proof they are served.
			talk.scheduleAtFixedRate(() -> steadyTalk(steady, listeners), 1, 1, TimeUnit.SECONDS);
			for (int i = 0; i < this.workers; i++) {
				String from = "127.0.0." + (20 + i);
				threads.add(Thread.ofPlatform().name("worker-" + i).start(() -> work(from, end)));
			}
			for (Thread thread : threads.subList(listeners.size(), threads.size())) {
				thread.join();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		finally {
			this.stopping = true;
			talk.shutdownNow();
			try {
				talk.awaitTermination(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			steady.forEach(LineClient::close);
			listeners.forEach(ChatUser::close);
		}
		Map<String, Long> counts = new TreeMap<>();
		this.actions.forEach((kind, count) -> counts.put(kind, count.get()));
		return new Result(counts, this.errors.get(), List.copyOf(this.firstErrors));
	}

	private void work(String from, Instant end) {
		long next = System.nanoTime();
		int step = 0;
		while (Instant.now().isBefore(end)) {
			String kind = ROUND.get(step++ % ROUND.size());
			act(kind, () -> {
				switch (kind) {
					case "time-tcp" -> timeTcp(from);
					case "echo-tcp" -> echoTcp(from);
					case "echo-udp" -> echoUdp(from);
					case "time-udp" -> timeUdp(from);
					case "chat-tcp" -> chat(from);
					default -> throw new IllegalArgumentException(kind);
				}
			});
			// Paced, not flat out: a soak looks for what accumulates, not for the
			// ceiling.
			next += this.intervalNanos;
			LockSupport.parkNanos(next - System.nanoTime());
		}
	}

	private void act(String kind, Runnable action) {
		try {
			action.run();
			this.actions.computeIfAbsent(kind, (key) -> new AtomicLong()).incrementAndGet();
		}
		catch (RuntimeException | AssertionError ex) {
			error(kind + ": " + ex);
		}
	}

	private void error(String description) {
		if (this.errors.incrementAndGet() <= 20) {
			this.firstErrors.add(Instant.now() + " " + description);
		}
	}

	private void timeTcp(String from) {
		try (LineClient client = LineClient.connectFrom(from, this.ports.timeTcp())) {
			Instant.parse(client.readLine());
			client.assertClosedByServer();
		}
	}

	private void echoTcp(String from) {
		try (LineClient client = LineClient.connectFrom(from, this.ports.echoTcp())) {
			StringBuilder lines = new StringBuilder();
			for (int i = 0; i < ECHO_LINES; i++) {
				lines.append("soak ").append(from).append(' ').append(i).append('\n');
			}
			client.sendBytes(lines.toString().getBytes(StandardCharsets.US_ASCII));
			for (int i = 0; i < ECHO_LINES; i++) {
				assertThat(client.readLine()).isEqualTo("soak " + from + " " + i);
			}
		}
	}

	private void echoUdp(String from) {
		try (DatagramClient client = new DatagramClient(from, this.ports.echoUdp())) {
			byte[] payload = ("soak " + from).getBytes(StandardCharsets.US_ASCII);
			client.send(payload);
			assertThat(client.receive()).as("echo-udp answer")
				.hasValueSatisfying((reply) -> assertThat(reply).isEqualTo(payload));
		}
	}

	private void timeUdp(String from) {
		try (DatagramClient client = new DatagramClient(from, this.ports.timeUdp())) {
			client.send(new byte[0]);
			assertThat(client.receive()).as("time-udp answer")
				.hasValueSatisfying((reply) -> Instant.parse(new String(reply, StandardCharsets.US_ASCII).strip()));
		}
	}

	private void chat(String from) {
		try (ChatUser user = ChatUser.join(from, this.ports.chat())) {
			user.say("soak from " + from);
			user.say("/quit done");
			String line;
			while (!(line = user.read()).equals("* Bye.")) {
				// Others' lines and notices may come first.
				assertThat(line).doesNotStartWith("ERR");
			}
			user.client().assertClosedByServer();
		}
	}

	private void listen(ChatUser listener) {
		try {
			while (!this.stopping) {
				String line = listener.read();
				if (line.startsWith("ERR")) {
					error("chat listener: " + line);
				}
			}
		}
		catch (RuntimeException | AssertionError ex) {
			if (!this.stopping) {
				error("chat listener: " + ex);
			}
		}
	}

	private void steadyTalk(List<LineClient> echo, List<ChatUser> chat) {
		for (LineClient client : echo) {
			act("echo-tcp long-lived", () -> assertThat(client.send("steady").readLine()).isEqualTo("steady"));
		}
		for (ChatUser user : chat) {
			act("chat-tcp long-lived", () -> user.say("/rooms"));
		}
	}

	/**
	 * The service's ports.
	 *
	 * @param timeTcp time over TCP
	 * @param timeUdp time over UDP
	 * @param echoTcp echo over TCP
	 * @param echoUdp echo over UDP
	 * @param chat chat
	 */
	record Ports(int timeTcp, int timeUdp, int echoTcp, int echoUdp, int chat) {
	}

	/**
	 * What a run did.
	 *
	 * @param actions actions completed, by kind
	 * @param errors actions that failed or got an unexpected answer
	 * @param firstErrors the first of them, described
	 */
	record Result(Map<String, Long> actions, long errors, List<String> firstErrors) {

		long total() {
			return this.actions.values().stream().mapToLong(Long::longValue).sum();
		}

	}

}
