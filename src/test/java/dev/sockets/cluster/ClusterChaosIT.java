package dev.sockets.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import org.springframework.boot.convert.DurationStyle;

import dev.sockets.support.RedisServer;
import dev.sockets.support.Scrape;
import dev.sockets.support.ServiceProcess;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Chat and echo on two instances while Redis is restarted and one instance is killed
 * (SIGKILL) and started again, on a schedule. Afterwards no line was delivered twice,
 * none was lost outside the outages the users were told of, and the instance that ran
 * throughout holds no more descriptors, threads or heap than before.
 * <p>
 * {@code ./mvnw -Psoak verify} runs it for 10 minutes, a cycle of faults a minute; the
 * default build runs one 40-second cycle. {@code -Dchaos.duration=30m} sets another
 * length. The report goes to {@code target/soak/chaos-report.md}.
 */
class ClusterChaosIT {

	/** Descriptors beyond the baseline: Redis connections made again, a log file. */
	static final int FD_MARGIN = 10;

	/** Threads beyond the baseline: pools that grew and have not yet let threads go. */
	static final int THREAD_MARGIN = 8;

	/** Heap after a full GC beyond the baseline, in kB. */
	static final long HEAP_MARGIN_KB = 24 * 1024;

	/** How long Redis stays away at each restart: long enough for the link to be lost. */
	static final Duration REDIS_AWAY = Duration.ofSeconds(4);

	/**
	 * Lines sent this long before a fault began may still have been on their way when it
	 * struck.
	 */
	static final long BEFORE_FAULT_NANOS = Duration.ofMillis(500).toNanos();

	/** After the users are told all is back, lines already on their way settle. */
	static final long AFTER_FAULT_NANOS = Duration.ofSeconds(1).toNanos();

	static final int MEMBERS_PER_INSTANCE = 3;

	static final int ECHO_CLIENTS_PER_INSTANCE = 2;

	static final Duration LINE_EVERY = Duration.ofMillis(50);

	static final Duration ECHO_EVERY = Duration.ofMillis(20);

	private static final Path REPORT = Path.of("target", "soak", "chaos-report.md");

	private static final String[] NO_FLOOD_CONTROL = { "--sockets.echo.tcp.enabled=true", "--sockets.echo.tcp.port=0",
			"--sockets.chat.flood.messages-per-second=100000", "--sockets.chat.flood.message-burst=100000",
			"--sockets.chat.flood.bytes-per-second=1GB", "--sockets.chat.flood.byte-burst=1GB" };

	private final List<ChaosMember> members = new CopyOnWriteArrayList<>();

	private final List<EchoLoop> echoes = new CopyOnWriteArrayList<>();

	private final List<Fault> faults = new CopyOnWriteArrayList<>();

	@Test
	void chatAndEchoOutliveRedisRestartsAndAKilledInstance() throws IOException {
		Duration duration = DurationStyle.detectAndParse(System.getProperty("chaos.duration", "40s"));
		Duration cycle = (duration.compareTo(Duration.ofMinutes(2)) > 0) ? Duration.ofMinutes(1) : duration;
		long cycles = Math.max(1, duration.toSeconds() / cycle.toSeconds());
		ScheduledExecutorService ticks = Executors.newScheduledThreadPool(2);
		try (RedisServer redis = RedisServer.start();
				Side a = new Side("a", ClusterInstance.start("a", redis, NO_FLOOD_CONTROL));
				Side b = new Side("b", ClusterInstance.start("b", redis, NO_FLOOD_CONTROL))) {
			warmUp(a, b);
			Vitals baseline = Vitals.of(a.instance().process());

			long began = System.nanoTime();
			for (Side side : List.of(a, b)) {
				for (int i = 0; i < ECHO_CLIENTS_PER_INSTANCE; i++) {
					EchoLoop echo = new EchoLoop(side, i);
					this.echoes.add(echo);
					ticks.scheduleAtFixedRate(echo::tick, 0, ECHO_EVERY.toMillis(), TimeUnit.MILLISECONDS);
				}
				join(side);
			}
			ticks.scheduleAtFixedRate(this::speak, 0, LINE_EVERY.toMillis(), TimeUnit.MILLISECONDS);

			for (long n = 0; n < cycles; n++) {
				long cycleStart = began + n * cycle.toNanos();
				awaitUntil(cycleStart + cycle.toNanos() / 5);
				restartRedis(redis);
				awaitUntil(cycleStart + cycle.toNanos() / 2);
				killAndRestart(b, redis);
				awaitUntil(cycleStart + cycle.toNanos());
			}
			ticks.shutdownNow();
			awaitTheLastLines();
			Duration took = Duration.ofNanos(System.nanoTime() - began);
			for (ChaosMember member : this.members) {
				member.close();
			}
			for (EchoLoop echo : this.echoes) {
				echo.close();
			}
			Vitals after = settled(a);

			Tally tally = tally();
			report(duration, began, took, tally, baseline, after, a);

			assertThat(tally.duplicates()).as("lines delivered twice").isEmpty();
			assertThat(tally.lost()).as("lines lost outside the announced outages").isEmpty();
			assertThat(tally.unannounced()).as("members who were not told of an outage they lived through").isEmpty();
			assertThat(tally.expected()).as("lines that had to arrive").isGreaterThan(duration.toSeconds() * 100);
			assertThat(this.echoes).allSatisfy((echo) -> {
				assertThat(echo.wrong()).as("echo answers that were not the line sent").isZero();
				assertThat(echo.failuresOutside(this.faults)).as("echo failures outside a kill of its instance")
					.isEmpty();
			});
			assertThat(this.echoes.stream().mapToLong(EchoLoop::answered).sum()).as("echo round trips")
				.isGreaterThan(duration.toSeconds() * 100);
			assertThat(after.openFiles()).as("open files of a").isLessThanOrEqualTo(baseline.openFiles() + FD_MARGIN);
			assertThat(after.threads()).as("threads of a").isLessThanOrEqualTo(baseline.threads() + THREAD_MARGIN);
			assertThat(after.heapKb()).as("heap of a after full GC, kB")
				.isLessThanOrEqualTo(baseline.heapKb() + HEAP_MARGIN_KB);
		}
		finally {
			ticks.shutdownNow();
			for (ChaosMember member : this.members) {
				member.close();
			}
			for (EchoLoop echo : this.echoes) {
				echo.close();
			}
		}
	}

	/**
	 * Every path once before the baseline is taken: classes loaded, pools grown.
	 */
	private void warmUp(Side a, Side b) {
		List<ChaosMember> warm = new ArrayList<>();
		for (Side side : List.of(a, b)) {
			warm.add(ChaosMember.join(side, "w" + side.name(), "#warm"));
		}
		for (int i = 0; i < 20; i++) {
			for (ChaosMember member : warm) {
				member.speak();
			}
		}
		ChaosMember last = warm.get(warm.size() - 1);
		Awaitility.await("warm-up lines")
			.atMost(Duration.ofSeconds(20))
			.until(() -> warm.get(0).heardFrom(last.nickname()) >= 20);
		for (ChaosMember member : warm) {
			member.close();
		}
		settled(a);
	}

	private void join(Side side) {
		for (int i = 1; i <= MEMBERS_PER_INSTANCE; i++) {
			this.members.add(ChaosMember.join(side, side.name() + i + "n" + side.generation(), "#chaos"));
		}
	}

	private void speak() {
		for (ChaosMember member : this.members) {
			if (member.connected()) {
				member.speak();
			}
		}
	}

	private void restartRedis(RedisServer redis) {
		long start = System.nanoTime();
		redis.stop();
		List<ChaosMember> present = this.members.stream().filter(ChaosMember::connected).toList();
		Awaitility.await("every member told the link is lost")
			.atMost(Duration.ofSeconds(20))
			.until(() -> present.stream().allMatch((member) -> member.noticesSince(start, ChaosMember.LOST) > 0));
		long announced = System.nanoTime();
		awaitUntil(start + REDIS_AWAY.toNanos());
		long back = System.nanoTime();
		redis.startAgain();
		Awaitility.await("every member told the link is back")
			.atMost(Duration.ofSeconds(30))
			.until(() -> present.stream()
				.allMatch((member) -> member.noticesSince(back, ChaosMember.RECOVERED) > 0 || !member.connected()));
		this.faults.add(new Fault(Fault.Kind.REDIS_RESTART, null, start, announced, System.nanoTime(), present));
	}

	private void killAndRestart(Side side, RedisServer redis) {
		long start = System.nanoTime();
		side.instance().process().kill();
		List<ChaosMember> gone = this.members.stream().filter((member) -> member.side() == side).toList();
		Awaitility.await("the killed instance's members disconnected")
			.atMost(Duration.ofSeconds(20))
			.until(() -> gone.stream().noneMatch(ChaosMember::connected));
		long announced = System.nanoTime();
		side.replace(ClusterInstance.start(side.name(), redis, NO_FLOOD_CONTROL));
		join(side);
		this.faults.add(new Fault(Fault.Kind.KILL, side.name(), start, announced, System.nanoTime(), List.of()));
	}

	/**
	 * Each member says a last line; once every member still here has heard every other's
	 * last line, nothing is on its way any more.
	 */
	private void awaitTheLastLines() {
		List<ChaosMember> present = this.members.stream().filter(ChaosMember::connected).toList();
		for (ChaosMember member : present) {
			member.sayLast();
		}
		Awaitility.await("every member's last line heard by all")
			.atMost(Duration.ofSeconds(30))
			.until(() -> present.stream()
				.allMatch((listener) -> present.stream()
					.filter((speaker) -> speaker != listener)
					.allMatch((speaker) -> listener.heardLastOf(speaker.nickname()))));
	}

	private static Vitals settled(Side side) {
		ClusterInstance instance = side.instance();
		Awaitility.await("clients gone from " + side.name()).atMost(Duration.ofSeconds(30)).until(() -> {
			Scrape scrape = instance.actuator().scrape();
			return scrape.sum("sockets_connections_active") == 0 && scrape.sum("sockets_chat_users") == 0;
		});
		return Vitals.of(instance.process());
	}

	/**
	 * What each member had to hear, and what it heard: a line from another member in the
	 * room had to arrive if both were in it when it was said, unless it was said during
	 * an outage that could keep it from the listener.
	 */
	private Tally tally() {
		List<String> duplicates = new ArrayList<>();
		List<String> lost = new ArrayList<>();
		List<String> unannounced = new ArrayList<>();
		long expected = 0;
		long excused = 0;
		for (ChaosMember listener : this.members) {
			Set<String> seen = new HashSet<>();
			for (ChaosMember.Heard heard : listener.heard()) {
				if (!seen.add(heard.from() + " " + heard.sequence())) {
					duplicates.add(listener.nickname() + " heard " + heard.from() + "'s line " + heard.sequence());
				}
			}
			for (ChaosMember speaker : this.members) {
				if (speaker == listener) {
					continue;
				}
				long from = Math.max(listener.joinedAt(), speaker.joinedAt());
				long to = Math.min(listener.leftAt(), speaker.leftAt());
				for (ChaosMember.Said said : speaker.said()) {
					if (said.at() < from || said.at() > to) {
						continue;
					}
					if (excusedBy(said.at(), speaker, listener)) {
						excused++;
						continue;
					}
					expected++;
					if (!seen.contains(speaker.nickname() + " " + said.sequence())) {
						lost.add(listener.nickname() + " never heard " + speaker.nickname() + "'s line "
								+ said.sequence());
					}
				}
			}
			for (Fault fault : this.faults) {
				if (fault.kind() == Fault.Kind.REDIS_RESTART && fault.present().contains(listener)
						&& (listener.noticesSince(fault.start(), ChaosMember.LOST) == 0
								|| listener.noticesSince(fault.start(), ChaosMember.RECOVERED) == 0)) {
					unannounced.add(listener.nickname() + " at the Redis restart " + fault.start());
				}
			}
		}
		return new Tally(expected, excused, duplicates, lost, unannounced);
	}

	/**
	 * A line said while Redis was away reaches only the speaker's own instance; one said
	 * while an instance was down reaches nobody on it.
	 */
	private boolean excusedBy(long at, ChaosMember speaker, ChaosMember listener) {
		for (Fault fault : this.faults) {
			boolean during = at >= fault.start() - BEFORE_FAULT_NANOS && at <= fault.end() + AFTER_FAULT_NANOS;
			if (!during) {
				continue;
			}
			boolean apart = speaker.side() != listener.side();
			if (fault.kind() == Fault.Kind.REDIS_RESTART && apart) {
				return true;
			}
			if (fault.kind() == Fault.Kind.KILL
					&& (fault.side().equals(speaker.side().name()) || fault.side().equals(listener.side().name()))) {
				return true;
			}
		}
		return false;
	}

	private void report(Duration duration, long began, Duration took, Tally tally, Vitals baseline, Vitals after,
			Side a) throws IOException {
		StringBuilder report = new StringBuilder();
		report.append("# Chaos soak: ").append(duration).append(", two instances on one Redis\n\n");
		report.append("Load: ")
			.append(MEMBERS_PER_INSTANCE)
			.append(" chat members per instance in one room, each saying a line every ")
			.append(LINE_EVERY.toMillis())
			.append(" ms; ")
			.append(ECHO_CLIENTS_PER_INSTANCE)
			.append(" echo clients per instance, a round trip every ")
			.append(ECHO_EVERY.toMillis())
			.append(" ms.\n\n");
		report.append("| fault | began (s) | announced after (ms) | over after (ms) |\n|---|---:|---:|---:|\n");
		for (Fault fault : this.faults) {
			report.append("| ")
				.append((fault.kind() == Fault.Kind.KILL) ? "SIGKILL of " + fault.side() + ", started again"
						: "Redis stopped for " + REDIS_AWAY.toSeconds() + " s, started again")
				.append(" | ")
				.append(Duration.ofNanos(fault.start() - began).toSeconds())
				.append(" | ")
				.append(Duration.ofNanos(fault.announced() - fault.start()).toMillis())
				.append(" | ")
				.append(Duration.ofNanos(fault.end() - fault.start()).toMillis())
				.append(" |\n");
		}
		long said = this.members.stream().mapToLong((member) -> member.said().size()).sum();
		long heard = this.members.stream().mapToLong((member) -> member.heard().size()).sum();
		report.append("\n| measure | count |\n|---|---:|\n")
			.append("| chat members (sessions) | ")
			.append(this.members.size())
			.append(" |\n| lines said | ")
			.append(said)
			.append(" |\n| lines heard | ")
			.append(heard)
			.append(" |\n| lines that had to arrive | ")
			.append(tally.expected())
			.append(" |\n| lines excused by an outage | ")
			.append(tally.excused())
			.append(" |\n| lost outside outages | ")
			.append(tally.lost().size())
			.append(" |\n| heard twice | ")
			.append(tally.duplicates().size())
			.append(" |\n| echo round trips | ")
			.append(this.echoes.stream().mapToLong(EchoLoop::answered).sum())
			.append(" |\n| echo failures (all during a kill of their instance) | ")
			.append(this.echoes.stream().mapToLong((echo) -> echo.failures().size()).sum())
			.append(" |\n| cluster events dropped by a | ")
			.append((long) a.instance().actuator().scrape().sum("sockets_chat_cluster_messages_dropped_total"))
			.append(" |\n| run took | ")
			.append(took.toSeconds())
			.append(" s |\n\n");
		report.append("| measure of a | baseline | after | allowed |\n|---|---:|---:|---:|\n")
			.append(row("open files", baseline.openFiles(), after.openFiles(), baseline.openFiles() + FD_MARGIN))
			.append(row("threads", baseline.threads(), after.threads(), baseline.threads() + THREAD_MARGIN))
			.append(row("heap after full GC (kB)", baseline.heapKb(), after.heapKb(),
					baseline.heapKb() + HEAP_MARGIN_KB));
		tally.lost().stream().limit(20).forEach((line) -> report.append("\n- lost: ").append(line));
		tally.duplicates().stream().limit(20).forEach((line) -> report.append("\n- twice: ").append(line));
		Files.createDirectories(REPORT.getParent());
		Files.writeString(REPORT, report);
		System.out.println(report);
	}

	private static String row(String measure, long baseline, long after, long allowed) {
		return "| " + measure + " | " + baseline + " | " + after + " | " + allowed + " |\n";
	}

	private static void awaitUntil(long nanoTime) {
		long left = nanoTime - System.nanoTime();
		if (left > 0) {
			// The schedule of the faults: time itself is the condition.
			Awaitility.await()
				.atMost(Duration.ofNanos(left).plusSeconds(1))
				.pollInterval(Duration.ofMillis(50))
				.until(() -> System.nanoTime() >= nanoTime);
		}
	}

	/**
	 * A fault, from when it struck to when everyone affected was back.
	 *
	 * @param kind what happened
	 * @param side the instance killed, for a kill
	 * @param start when it struck, in nanoseconds
	 * @param announced when the users had been told (or cut off)
	 * @param end when the users affected had been told all is back, or had joined again
	 * @param present the members connected when it struck
	 */
	record Fault(Kind kind, String side, long start, long announced, long end, List<ChaosMember> present) {

		enum Kind {

			REDIS_RESTART, KILL

		}

	}

	record Tally(long expected, long excused, List<String> duplicates, List<String> lost, List<String> unannounced) {

	}

	/**
	 * What a process holds.
	 */
	record Vitals(long openFiles, long threads, long heapKb) {

		static Vitals of(ServiceProcess process) {
			return new Vitals(process.openFiles(), process.threads(), process.heapAfterFullGcKb());
		}

	}

}
