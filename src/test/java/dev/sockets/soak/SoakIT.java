package dev.sockets.soak;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.convert.DurationStyle;

import dev.sockets.support.Actuator;
import dev.sockets.support.Scrape;
import dev.sockets.support.ServiceProcess;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The built jar under mixed load with connection churn against every service, then
 * checked for what stayed behind: once the clients have gone, open file descriptors, live
 * threads and the heap after a full GC must be back at the baseline taken after a
 * warm-up, within stated margins, and nothing may have gone wrong on either side.
 * <p>
 * {@code ./mvnw -Psoak verify} runs it for 10 minutes; the default build runs a 20-second
 * version. {@code -Dsoak.duration=30m} sets another length. The report goes to
 * {@code target/soak/}.
 */
class SoakIT {

	/**
	 * Descriptors that may be open after the soak beyond the baseline: a log file rolled,
	 * a jar entry.
	 */
	static final int FD_MARGIN = 10;

	/**
	 * Threads beyond the baseline: pools that grew once and have not yet timed out idle
	 * threads.
	 */
	static final int THREAD_MARGIN = 8;

	/**
	 * Heap after a full GC beyond the baseline, in kB: caches that settle, whichever is
	 * larger of 16 MB and 20%.
	 */
	static long heapMarginKb(long baselineKb) {
		return Math.max(16 * 1024, baselineKb / 5);
	}

	private static final int WORKERS = 16;

	private static final double ACTIONS_PER_SECOND = 12;

	private static final Path REPORT = Path.of("target", "soak", "soak-report.md");

	@Test
	void mixedLoadWithChurnLeavesNothingBehind(@TempDir Path directory) throws IOException {
		Duration duration = DurationStyle.detectAndParse(System.getProperty("soak.duration", "20s"));
		Duration warmUp = (duration.compareTo(Duration.ofMinutes(2)) > 0) ? Duration.ofSeconds(30)
				: Duration.ofSeconds(5);
		Map<String, String> environment = new HashMap<>(
				Map.of("SOCKETS_BIND_ADDRESS", "127.0.0.1", "SOCKETS_TIME_TCP_PORT", "0", "SOCKETS_TIME_UDP_PORT", "0",
						"SOCKETS_ECHO_TCP_PORT", "0", "SOCKETS_ECHO_UDP_PORT", "0", "SOCKETS_CHAT_TCP_PORT", "0",
						"SOCKETS_CHAT_IRC_PORT", "0", "MANAGEMENT_SERVER_PORT", "0"));
		try (ServiceProcess service = ServiceProcess.start(directory, environment, List.of("-Xms64m", "-Xmx256m"),
				"--logging.level.dev.sockets.connections=WARN")) {
			MixedLoad.Ports ports = new MixedLoad.Ports(service.awaitPort("time-tcp"), service.awaitPort("time-udp"),
					service.awaitPort("echo-tcp"), service.awaitPort("echo-udp"), service.awaitPort("chat-tcp"));
			Actuator actuator = new Actuator(service.awaitManagementPort());
			MixedLoad load = new MixedLoad(ports, WORKERS, ACTIONS_PER_SECOND);

			MixedLoad.Result warm = load.run(warmUp);
			Vitals baseline = settle(service, actuator);
			List<Vitals> timeline = new CopyOnWriteArrayList<>();
			ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
			sampler.scheduleAtFixedRate(() -> timeline.add(Vitals.during(service, actuator)), 0,
					Math.max(1, duration.toSeconds() / 20), TimeUnit.SECONDS);
			Instant start = Instant.now();
			MixedLoad.Result soak;
			try {
				soak = load.run(duration);
			}
			finally {
				sampler.shutdownNow();
			}
			Duration took = Duration.between(start, Instant.now());
			Vitals after = settle(service, actuator);
			Scrape scrape = actuator.scrape();
			report(duration, took, warm, soak, baseline, after, timeline, scrape);

			assertThat(warm.errors()).as("errors while warming up: %s", warm.firstErrors()).isZero();
			assertThat(soak.errors()).as("errors in the soak: %s", soak.firstErrors()).isZero();
			assertThat(soak.total()).as("actions in the soak").isGreaterThan(duration.toSeconds() * WORKERS * 4);
			assertThat(after.openFiles()).as("open files").isLessThanOrEqualTo(baseline.openFiles() + FD_MARGIN);
			assertThat(after.threads()).as("threads").isLessThanOrEqualTo(baseline.threads() + THREAD_MARGIN);
			assertThat(after.heapKb()).as("heap after full GC, kB")
				.isLessThanOrEqualTo(baseline.heapKb() + heapMarginKb(baseline.heapKb()));
			// Nothing the service counts as trouble happened: no rejections, no errors,
			// no drops.
			assertThat(scrape.sum("sockets_connections_rejected_total")).as("rejected").isZero();
			assertThat(scrape.sum("sockets_errors_total")).as("errors").isZero();
			assertThat(scrape.sum("sockets_datagrams_dropped_total")).as("datagrams dropped").isZero();
			assertThat(scrape.sum("sockets_chat_flood_dropped_total")).as("flood dropped").isZero();
			assertThat(scrape.sum("sockets_chat_deliveries_dropped_total", "reason", "slow_reader")).isZero();
			assertThat(service.output().lines().filter((line) -> line.matches("^\\S+\\s+(WARN|ERROR)\\s.*")))
				.as("warnings and errors logged")
				.isEmpty();
		}
	}

	/**
	 * Waits until every client has gone, then measures.
	 */
	private static Vitals settle(ServiceProcess service, Actuator actuator) {
		Awaitility.await("clients gone").atMost(Duration.ofSeconds(30)).until(() -> {
			Scrape scrape = actuator.scrape();
			return scrape.sum("sockets_connections_active") == 0 && scrape.sum("sockets_chat_users") == 0;
		});
		long heap = service.heapAfterFullGcKb();
		return new Vitals(Instant.now(), service.openFiles(), service.threads(), heap, service.memoryKb("VmRSS"), 0);
	}

	private static void report(Duration duration, Duration took, MixedLoad.Result warm, MixedLoad.Result soak,
			Vitals baseline, Vitals after, List<Vitals> timeline, Scrape scrape) throws IOException {
		StringBuilder report = new StringBuilder();
		report.append("# Soak: ").append(duration).append(" of mixed load, ").append(Instant.now()).append("\n\n");
		report.append("Load: ")
			.append(WORKERS)
			.append(" workers × ")
			.append(ACTIONS_PER_SECOND)
			.append(" actions/s, each from its own loopback address; 4 long-lived echo clients and 2 chat listeners.\n\n");
		report.append("| action | completed |\n|---|---:|\n");
		soak.actions()
			.forEach((kind, count) -> report.append("| ").append(kind).append(" | ").append(count).append(" |\n"));
		report.append("| **total** in ").append(took.toSeconds()).append(" s | ").append(soak.total()).append(" |\n");
		report.append("| errors (client side) | ").append(soak.errors()).append(" |\n\n");
		report.append("Connections accepted by the service: ")
			.append((long) scrape.sum("sockets_connections_opened_total"))
			.append("; datagrams answered: ")
			.append((long) scrape.sum("sockets_datagrams_answered_total"))
			.append(".\n\n");
		report.append("| measure | baseline | after | allowed |\n|---|---:|---:|---:|\n");
		report.append(row("open files", baseline.openFiles(), after.openFiles(), baseline.openFiles() + FD_MARGIN));
		report.append(row("threads", baseline.threads(), after.threads(), baseline.threads() + THREAD_MARGIN));
		report.append(row("heap after full GC (kB)", baseline.heapKb(), after.heapKb(),
				baseline.heapKb() + heapMarginKb(baseline.heapKb())));
		report.append(row("RSS (kB)", baseline.rssKb(), after.rssKb(), -1));
		report.append("\nDuring the soak:\n\n")
			.append("| time | open files | threads | RSS (kB) | connections open |\n|---|---:|---:|---:|---:|\n");
		for (Vitals sample : timeline) {
			report.append("| ")
				.append(sample.at())
				.append(" | ")
				.append(sample.openFiles())
				.append(" | ")
				.append(sample.threads())
				.append(" | ")
				.append(sample.rssKb())
				.append(" | ")
				.append(sample.connections())
				.append(" |\n");
		}
		report.append("\nWarm-up: ")
			.append(warm.total())
			.append(" actions, ")
			.append(warm.errors())
			.append(" errors.\n");
		Files.createDirectories(REPORT.getParent());
		Files.writeString(REPORT, report);
		System.out.println(report);
	}

	private static String row(String measure, long baseline, long after, long allowed) {
		return "| " + measure + " | " + baseline + " | " + after + " | " + ((allowed < 0) ? "—" : allowed) + " |\n";
	}

	/**
	 * What the process holds at one moment.
	 *
	 * @param at when
	 * @param openFiles file descriptors open
	 * @param threads threads alive
	 * @param heapKb heap in use after a full GC, or 0 where none was run
	 * @param rssKb resident memory
	 * @param connections TCP connections open
	 */
	record Vitals(Instant at, long openFiles, long threads, long heapKb, long rssKb, long connections) {

		static Vitals during(ServiceProcess service, Actuator actuator) {
			return new Vitals(Instant.now(), service.openFiles(), service.threads(), 0, service.memoryKb("VmRSS"),
					(long) actuator.scrape().sum("sockets_connections_active"));
		}

	}

}
