package dev.sockets.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import io.netty.channel.Channel;
import org.awaitility.Awaitility;

import dev.sockets.support.Actuator;
import dev.sockets.support.InstalledProgram;
import dev.sockets.support.RedisServer;
import dev.sockets.support.ServiceProcess;

/**
 * Runs every scenario against the service (the built jar) and, side by side with the same
 * load generator, against {@link ReferenceServer}; then writes the report.
 */
public final class Benchmark {

	/**
	 * Both servers run as they would in the Kubernetes pod (a 512 MB limit): the heap
	 * that {@code -XX:InitialRAMPercentage=50 -XX:MaxRAMPercentage=75} gives there, and
	 * the collector the JVM picks in a container under 1,792 MB, Serial. Override with
	 * {@code -Dbench.serverJvm}.
	 */
	static final List<String> SERVER_JVM = List
		.of(System.getProperty("bench.serverJvm", "-Xms256m -Xmx384m -XX:+UseSerialGC").split("\\s+"));

	private static final String[] SERVICE_ARGS = { "--sockets.bind-address=127.0.0.1", "--sockets.time.tcp.port=0",
			"--sockets.time.udp.port=0", "--sockets.echo.tcp.port=0", "--sockets.echo.udp.port=0",
			"--sockets.chat.tcp.port=0", "--sockets.chat.irc.port=0", "--management.server.port=0",
			"--sockets.echo.tcp.max-connections=20000", "--sockets.chat.tcp.max-connections=20000",
			"--sockets.time.tcp.max-connections=20000", "--sockets.echo.tcp.backlog=4096",
			"--sockets.chat.tcp.backlog=4096", "--sockets.time.tcp.backlog=4096",
			// All load comes from one address, and one chat member speaks for the room.
			"--sockets.echo.tcp.max-connections-per-source=20000", "--sockets.echo.tcp.connection-rate-per-source=0",
			"--sockets.chat.tcp.max-connections-per-source=20000", "--sockets.chat.tcp.connection-rate-per-source=0",
			"--sockets.time.tcp.max-connections-per-source=20000", "--sockets.time.tcp.connection-rate-per-source=0",
			"--sockets.echo.udp.rate-per-source=0", "--sockets.chat.flood.messages-per-second=1000000",
			// The reference announces no comings and goings; the 1,000-member room still
			// does.
			"--sockets.chat.max-announced-room-size=1000", "--sockets.chat.flood.message-burst=1000000",
			// The reference keeps no history, so by default neither does the service:
			// -Dbench.chatHistory=20 measures the chat with the service's default.
			"--sockets.chat.history.lines=" + Integer.getInteger("bench.chatHistory", 0),
			// Raw echo, binary-safe, beside the line echo.
			"--sockets.listeners.echo-raw.service=echo", "--sockets.listeners.echo-raw.port=0",
			"--sockets.listeners.echo-raw.framing=raw", "--sockets.listeners.echo-raw.max-connections=20000",
			"--sockets.listeners.echo-raw.backlog=4096",
			"--sockets.listeners.echo-raw.max-connections-per-source=20000",
			"--sockets.listeners.echo-raw.connection-rate-per-source=0" };

	/** Where the heap histograms of the held connections go. */
	private static final Path HISTOGRAMS = Path.of("target", "bench");

	private final Size size;

	private final List<Row> rows = new ArrayList<>();

	private final List<String> failures = new ArrayList<>();

	/**
	 * The chat fan-out on one instance, beside which the fan-out across instances is
	 * shown.
	 */
	private ChatFanout.Outcome chatOnOneInstance;

	private Benchmark(Size size) {
		this.size = size;
	}

	public static void main(String[] args) throws IOException {
		Report report = run(Size.named((args.length > 0) ? args[0] : "full"), Path.of("target", "bench"));
		System.out.println(report.markdown());
	}

	/**
	 * Runs the benchmark and writes {@code report.md} and {@code latency.svg} into a
	 * directory.
	 */
	static Report run(Size size, Path output) throws IOException {
		Benchmark benchmark = new Benchmark(size);
		try (LoadClient client = new LoadClient(2)) {
			Xinetd xinetd = selected("raw", "udp", "time", "startup") ? Xinetd.startIfInstalled().orElse(null) : null;
			try {
				benchmark.againstServers(client, xinetd);
				benchmark.scenario("startup", () -> benchmark.startup(xinetd != null));
			}
			finally {
				if (xinetd != null) {
					xinetd.close();
				}
			}
			benchmark.scenario("cluster", () -> benchmark.chatAcrossInstances(client));
			benchmark.scenario("stock", () -> benchmark.againstStockFactories(client));
		}
		Report report = new Report(context(size), benchmark.rows, benchmark.failures);
		report.write(output);
		return report;
	}

	private void againstServers(LoadClient client, Xinetd xinetd) {
		List<String> serviceJvm = new ArrayList<>(SERVER_JVM);
		// e.g.
		// -Dbench.serviceJvm=-XX:StartFlightRecording=filename=target/bench/service.jfr
		// to profile it
		String extra = System.getProperty("bench.serviceJvm", "");
		if (!extra.isBlank()) {
			serviceJvm.addAll(List.of(extra.trim().split("\\s+")));
		}
		try (ServiceProcess service = ServiceProcess.start(Path.of("."), Map.of(), serviceJvm, SERVICE_ARGS);
				ServiceProcess reference = ServiceProcess.startClass(ReferenceServer.class, SERVER_JVM)) {
			Target s = Target.of(service);
			Target r = Target.of(reference);
			scenario("flood", () -> echoFlood(client, s, r));
			scenario("paced", () -> pacedEcho(client, s, r));
			scenario("raw", () -> rawEcho(client, s, r, xinetd));
			scenario("held", () -> heldConnections(client, s, r));
			scenario("many", () -> heldAtScale(client, s, r));
			scenario("chat", () -> chatFanout(client, s, r));
			scenario("bigchat", () -> bigChat(client, s, r));
			scenario("udp", () -> udpEcho(client, s, r, xinetd));
			scenario("time", () -> timeRate(client, s, r, xinetd));
		}
	}

	/**
	 * @return whether {@code -Dbench.scenarios} leaves any of these scenarios to run
	 */
	private static boolean selected(String... scenarios) {
		String only = System.getProperty("bench.scenarios", "");
		return only.isBlank() || List.of(scenarios).stream().anyMatch(List.of(only.split(","))::contains);
	}

	/**
	 * Runs a scenario unless {@code -Dbench.scenarios} names others (e.g.
	 * {@code udp,chat}).
	 */
	private void scenario(String name, Runnable scenario) {
		if (!selected(name)) {
			return;
		}
		long start = System.nanoTime();
		try {
			scenario.run();
			System.out.printf("bench: %s done in %.1f s%n", name, (System.nanoTime() - start) / 1e9);
		}
		catch (RuntimeException ex) {
			// The other scenarios still run, and the report says what failed.
			System.out.printf("bench: %s failed after %.1f s: %s%n", name, (System.nanoTime() - start) / 1e9, ex);
			ex.printStackTrace(System.out);
			this.failures.add(name + ": " + ex.getMessage());
		}
	}

	private void echoFlood(LoadClient client, Target service, Target reference) {
		double s = EchoFlood.lines(client, service.echoTcp(), this.size.flood(), this.size.warmup(),
				this.size.measure());
		double r = EchoFlood.lines(client, reference.echoTcp(), this.size.flood(), this.size.warmup(),
				this.size.measure());
		Row row = Row.of("Echo flood, " + this.size.flood() + " connections", "lines echoed", "per second", s, r);
		this.rows.add(row.target("≥ 0.5× reference", row.ratio() >= 0.5));
	}

	private void pacedEcho(LoadClient client, Target service, Target reference) {
		String scenario = "Echo at " + this.size.latencyRate() + " lines/s, " + this.size.latencyConnections()
				+ " connections";
		PacedEcho.Outcome s = paced(client, service, this.size.latencyConnections(), this.size.latencyRate());
		PacedEcho.Outcome r = paced(client, reference, this.size.latencyConnections(), this.size.latencyRate());
		this.rows.add(Row.of(scenario, "p50", "ms", s.latency().millis(50), r.latency().millis(50)));
		Row p99 = Row.of(scenario, "p99", "ms", s.latency().millis(99), r.latency().millis(99));
		this.rows.add(p99.target("≤ 2 ms and ≤ 3× reference", p99.service() <= 2 && p99.ratio() <= 3));
		this.rows.add(Row.of(scenario, "p99.9", "ms", s.latency().millis(99.9), r.latency().millis(99.9)));
		this.rows.add(Row.of(scenario, "lines lost", "lines", s.lost(), r.lost()).target("0", s.lost() == 0));
	}

	private void rawEcho(LoadClient client, Target service, Target reference, Xinetd xinetd) {
		int connections = this.size.flood();
		double s = EchoFlood.bytes(client, service.echoRawTcp(), connections, this.size.warmup(), this.size.measure());
		double r = EchoFlood.bytes(client, reference.echoRawTcp(), connections, this.size.warmup(),
				this.size.measure());
		Double x = (xinetd != null)
				? EchoFlood.bytes(client, xinetd.echoTcp(), connections, this.size.warmup(), this.size.measure())
				: null;
		this.rows
			.add(Row.of("Raw echo, 1 KiB messages, " + connections + " connections", "bytes echoed", "per second", s, r)
				.xinetd(x));
	}

	private PacedEcho.Outcome paced(LoadClient client, Target target, int connections, int rate) {
		List<Channel> channels = client.connect(target.echoTcp(), connections, PacedEcho.Answers::new);
		try {
			return PacedEcho.run(channels, rate, this.size.warmup(), this.size.measure());
		}
		finally {
			LoadClient.closeAll(channels);
		}
	}

	private void heldConnections(LoadClient client, Target service, Target reference) {
		String scenario = this.size.held() + " connections held, 1 line/s each";
		Held s = held(client, service, "service");
		Held r = held(client, reference, "reference");
		Row p99 = Row.of(scenario, "p99", "ms", s.outcome().latency().millis(99), r.outcome().latency().millis(99));
		this.rows.add(p99.target("≤ 10 ms", p99.service() <= 10));
		this.rows.add(Row.of(scenario, "lines lost", "lines", s.outcome().lost(), r.outcome().lost())
			.target("0", s.outcome().lost() == 0));
		Row rss = Row.of(scenario, "server RSS", "MB", s.rssMb(), r.rssMb());
		this.rows.add(rss.target("≤ 1.5× reference and ≤ 512 MB", rss.ratio() <= 1.5 && s.rssMb() <= 512));
		this.rows
			.add(Row.of(scenario, "live heap per connection", "bytes", s.heapPerConnection(), r.heapPerConnection()));
		this.rows.add(Row.of(scenario, "RSS per connection", "bytes", s.rssPerConnection(), r.rssPerConnection()));
	}

	/**
	 * Holds the connections open through a paced run, and measures the server's memory
	 * before they open and while they are held: resident memory, and the live heap after
	 * a full collection (whose histograms go to {@code target/bench}).
	 */
	private Held held(LoadClient client, Target target, String name) {
		ServiceProcess process = target.process();
		long heapBefore = process.liveHeapBytes(HISTOGRAMS.resolve(name + "-histogram-idle.txt"));
		long rssBefore = process.memoryKb("VmRSS") * 1024;
		// With -Dbench.serverJvm="... -XX:NativeMemoryTracking=summary": where the rest
		// of the resident memory goes.
		process.saveNativeMemory(HISTOGRAMS.resolve(name + "-native-memory-idle.txt"));
		int count = this.size.held();
		List<Channel> channels = client.connect(target.echoTcp(), count, PacedEcho.Answers::new);
		try {
			PacedEcho.Outcome outcome = PacedEcho.run(channels, count, this.size.warmup(), this.size.measure());
			long rss = process.memoryKb("VmRSS") * 1024;
			process.saveNativeMemory(HISTOGRAMS.resolve(name + "-native-memory-held.txt"));
			long heap = process.liveHeapBytes(HISTOGRAMS.resolve(name + "-histogram-held.txt"));
			return new Held(outcome, rss / 1024.0 / 1024.0, (heap - heapBefore) / (double) count,
					(rss - rssBefore) / (double) count);
		}
		finally {
			LoadClient.closeAll(channels);
		}
	}

	/**
	 * Connections held at scale, from several loopback addresses, each sending a line
	 * every few seconds: as many as asked for unless the open-file limit holds fewer, and
	 * then the row says so.
	 */
	private void heldAtScale(LoadClient client, Target service, Target reference) {
		int wanted = this.size.manyHeld();
		int count = OpenFiles.connections(wanted);
		List<InetAddress> sources = new ArrayList<>();
		for (int i = 0; i < this.size.manyHeldSources(); i++) {
			sources.add(loopback(i + 2));
		}
		String scenario = count + " connections held from " + sources.size() + " addresses, 1 line every "
				+ this.size.manyHeldInterval().toSeconds() + " s each"
				+ ((count < wanted) ? " (" + wanted + " asked; open-file limit " + OpenFiles.limit() + ")" : "");
		double rate = count / (this.size.manyHeldInterval().toNanos() / 1e9);
		AtScale s = atScale(client, service, count, rate, sources);
		AtScale r = atScale(client, reference, count, rate, sources);
		Row p99 = Row.of(scenario, "p99", "ms", s.outcome().latency().millis(99), r.outcome().latency().millis(99));
		this.rows.add(p99.target("≤ 20 ms", p99.service() <= 20));
		this.rows.add(Row.of(scenario, "lines lost", "lines", s.outcome().lost(), r.outcome().lost())
			.target("0", s.outcome().lost() == 0));
		Row rss = Row.of(scenario, "server RSS", "MB", s.rssMb(), r.rssMb());
		this.rows.add(rss.target("≤ 1,536 MB", s.rssMb() <= 1536));
		this.rows.add(Row.of(scenario, "connections held", "connections", count, count)
			.target("≥ " + wanted, count >= wanted));
	}

	private AtScale atScale(LoadClient client, Target target, int count, double rate, List<InetAddress> sources) {
		List<Channel> channels = client.connect(target.echoTcp(), count, PacedEcho.Answers::new, sources);
		try {
			PacedEcho.Outcome outcome = PacedEcho.run(channels, rate, this.size.warmup(), this.size.measure());
			return new AtScale(outcome, target.process().memoryKb("VmRSS") / 1024.0);
		}
		finally {
			LoadClient.closeAll(channels);
		}
	}

	private static InetAddress loopback(int last) {
		try {
			return InetAddress.getByAddress(new byte[] { 127, 0, 0, (byte) last });
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private void chatFanout(LoadClient client, Target service, Target reference) {
		this.chatOnOneInstance = chatFanout(client, service, reference, this.size.chatMembers(), 20);
	}

	/**
	 * A room ten times the size of the chat row's: every message is a delivery to each of
	 * its members.
	 */
	private void bigChat(LoadClient client, Target service, Target reference) {
		chatFanout(client, service, reference, this.size.bigChatMembers(), 50);
	}

	private ChatFanout.Outcome chatFanout(LoadClient client, Target service, Target reference, int members,
			double p99Millis) {
		int history = Integer.getInteger("bench.chatHistory", 0);
		String scenario = "Chat, " + members + " members, a message every " + this.size.chatInterval().toMillis()
				+ " ms" + ((history > 0) ? ", the service keeping " + history + " lines of history" : "");
		ChatFanout.Outcome s = ChatFanout.run(client, service.chatTcp(), members, this.size.chatInterval(),
				this.size.warmup(), this.size.measure());
		ChatFanout.Outcome r = ChatFanout.run(client, reference.chatTcp(), members, this.size.chatInterval(),
				this.size.warmup(), this.size.measure());
		this.rows.add(Row.of(scenario, "p50", "ms", s.latency().millis(50), r.latency().millis(50)));
		Row p99 = Row.of(scenario, "p99", "ms", s.latency().millis(99), r.latency().millis(99));
		this.rows.add(p99.target("≤ " + (int) p99Millis + " ms", p99.service() <= p99Millis));
		this.rows.add(Row.of(scenario, "deliveries", "per second", s.deliveriesPerSecond(), r.deliveriesPerSecond()));
		this.rows.add(Row.of(scenario, "deliveries lost", "deliveries", s.lost(), r.lost()).target("0", s.lost() == 0));
		return s;
	}

	/**
	 * The same room spread over two instances of the service that share it through Redis;
	 * the reference column holds the service on one instance.
	 */
	private void chatAcrossInstances(LoadClient client) {
		if (!InstalledProgram.installed("redis-server") && System.getenv("CI") == null) {
			System.out.println(
					"bench: cluster skipped: redis-server is not installed (Debian: apt-get install redis-server)");
			return;
		}
		int members = this.size.chatMembers();
		String scenario = "Chat across 2 instances on Redis, 2 × " + (members / 2)
				+ " members (reference: one instance, " + members + " members)";
		try (RedisServer redis = RedisServer.start();
				ServiceProcess a = ServiceProcess.start(Path.of("."), Map.of(), SERVER_JVM, clusterArgs(redis, "a"));
				ServiceProcess b = ServiceProcess.start(Path.of("."), Map.of(), SERVER_JVM, clusterArgs(redis, "b"))) {
			List<Integer> ports = List.of(a.awaitPort("chat-tcp"), b.awaitPort("chat-tcp"));
			for (ServiceProcess instance : List.of(a, b)) {
				Actuator actuator = new Actuator(instance.awaitManagementPort());
				Awaitility.await("chat cluster link up")
					.atMost(Duration.ofSeconds(60))
					.until(() -> actuator.get("/actuator/health/chatCluster").body().contains("\"status\":\"UP\""));
			}
			ChatFanout.Outcome c = ChatFanout.run(client, ports, members, this.size.chatInterval(), this.size.warmup(),
					this.size.measure());
			this.rows.add(Row.of(scenario, "p50", "ms", c.latency().millis(50),
					onOneInstance((o) -> o.latency().millis(50))));
			this.rows.add(Row.of(scenario, "p99", "ms", c.latency().millis(99),
					onOneInstance((o) -> o.latency().millis(99))));
			this.rows.add(Row.of(scenario, "deliveries", "per second", c.deliveriesPerSecond(),
					onOneInstance(ChatFanout.Outcome::deliveriesPerSecond)));
			this.rows.add(
					Row.of(scenario, "deliveries lost", "deliveries", c.lost(), onOneInstance(ChatFanout.Outcome::lost))
						.target("0", c.lost() == 0));
		}
	}

	private double onOneInstance(ToDoubleFunction<ChatFanout.Outcome> figure) {
		return (this.chatOnOneInstance != null) ? figure.applyAsDouble(this.chatOnOneInstance) : Double.NaN;
	}

	private static String[] clusterArgs(RedisServer redis, String instance) {
		List<String> args = new ArrayList<>(List.of(SERVICE_ARGS));
		args.addAll(List.of("--sockets.time.tcp.enabled=false", "--sockets.time.udp.enabled=false",
				"--sockets.echo.tcp.enabled=false", "--sockets.echo.udp.enabled=false",
				"--sockets.listeners.echo-raw.enabled=false", "--sockets.chat.cluster=redis",
				"--spring.data.redis.host=127.0.0.1", "--spring.data.redis.port=" + redis.port(),
				"--sockets.chat.redis.instance-id=" + instance));
		return args.toArray(String[]::new);
	}

	private void udpEcho(LoadClient client, Target service, Target reference, Xinetd xinetd) {
		String scenario = "UDP echo, " + this.size.udpRate() + " datagrams/s offered";
		UdpEcho.Outcome s = UdpEcho.run(client, service.echoUdp(), this.size.udpRate(), this.size.warmup(),
				this.size.measure());
		UdpEcho.Outcome r = UdpEcho.run(client, reference.echoUdp(), this.size.udpRate(), this.size.warmup(),
				this.size.measure());
		UdpEcho.Outcome x = (xinetd != null)
				? UdpEcho.run(client, xinetd.echoUdp(), this.size.udpRate(), this.size.warmup(), this.size.measure())
				: null;
		this.rows.add(Row.of(scenario, "answered", "per second", s.answeredPerSecond(), r.answeredPerSecond())
			.xinetd((x != null) ? x.answeredPerSecond() : null));
		this.rows.add(Row.of(scenario, "lost", "%", s.lossPercent(), r.lossPercent())
			.xinetd((x != null) ? x.lossPercent() : null)
			.target("< 0.1%", s.lossPercent() < 0.1));
	}

	private void timeRate(LoadClient client, Target service, Target reference, Xinetd xinetd) {
		String scenario = "Time, " + this.size.timeClients() + " clients reconnecting";
		TimeRate.Outcome s = TimeRate.run(client, service.timeTcp(), this.size.timeClients(), this.size.warmup(),
				this.size.measure());
		TimeRate.Outcome r = TimeRate.run(client, reference.timeTcp(), this.size.timeClients(), this.size.warmup(),
				this.size.measure());
		TimeRate.Outcome x = (xinetd != null) ? TimeRate.run(client, xinetd.daytimeTcp(), this.size.timeClients(),
				this.size.warmup(), this.size.measure()) : null;
		Row served = Row.of(scenario, "connections served", "per second", s.perSecond(), r.perSecond())
			.xinetd((x != null) ? x.perSecond() : null);
		this.rows.add(served.target("≥ 1.0× xinetd and ≥ 0.9× reference",
				(x == null || served.xinetdRatio() >= 1.0) && served.ratio() >= 0.9));
		this.rows.add(Row.of(scenario, "failed", "connections", s.failures(), r.failures())
			.xinetd((x != null) ? (double) x.failures() : null));
	}

	/**
	 * Time from starting a process to its being ready: the service until it reports
	 * readiness, the reference until its last listener is bound, xinetd until it has
	 * bound every service.
	 */
	private void startup(boolean xinetd) {
		int runs = this.size.startups();
		double s = Startup.median(runs, () -> Startup.service(SERVER_JVM, SERVICE_ARGS));
		double r = Startup.median(runs, () -> Startup.reference(SERVER_JVM));
		Double x = xinetd ? Startup.median(runs, Startup::xinetd) : null;
		this.rows.add(Row.of("Startup, java -jar (median of " + runs + ")", "to readiness", "s", s, r).xinetd(x));
		Path application = AotCache.prepare(HISTOGRAMS, SERVER_JVM, SERVICE_ARGS);
		double e = Startup.median(runs, () -> Startup.extracted(application, false, SERVER_JVM, SERVICE_ARGS));
		this.rows
			.add(Row.of("Startup, extracted jar as in the image (median of " + runs + ")", "to readiness", "s", e, r));
		double a = Startup.median(runs, () -> Startup.extracted(application, true, SERVER_JVM, SERVICE_ARGS));
		Row cached = Row.of("Startup, extracted jar with the image's AOT cache (median of " + runs + ")",
				"to readiness", "s", a, r);
		this.rows.add(cached.target("≤ 1.65 s", a <= 1.65));
	}

	/**
	 * The same echo flow on Spring Integration's own connection factories: why the
	 * service has its own.
	 */
	private void againstStockFactories(LoadClient client) {
		try (ServiceProcess stock = ServiceProcess.startClass(StockFactoryServers.class, SERVER_JVM)) {
			for (String factory : List.of("net", "nio")) {
				int port = stock.awaitPort(factory + "-tcp");
				double lines = EchoFlood.lines(client, port, this.size.flood(), this.size.warmup(),
						this.size.measure());
				String name = factory.equals("net") ? "Tcp.netServer, virtual threads"
						: "Tcp.nioServer, 16-thread bounded pool";
				this.rows.add(Row.of("Echo flood on " + name, "lines echoed", "per second", lines, Double.NaN));
			}
		}
	}

	private static List<String> context(Size size) {
		List<String> context = new ArrayList<>();
		context.add("Run: " + ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z")) + ", size "
				+ size.name() + " (" + size.warmup().toMillis() + " ms warm-up, " + size.measure().toMillis()
				+ " ms measured per scenario and server)");
		context.add("Machine: " + cpu() + ", " + Runtime.getRuntime().availableProcessors() + " CPUs, " + memoryGb()
				+ " GB RAM, " + System.getProperty("os.name") + " " + System.getProperty("os.version"));
		context.add("Java: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version")
				+ "; both servers run with " + String.join(" ", SERVER_JVM) + "; load generator in a third JVM");
		return context;
	}

	private static String cpu() {
		try {
			return Files.readAllLines(Path.of("/proc/cpuinfo"))
				.stream()
				.filter((line) -> line.startsWith("model name"))
				.map((line) -> line.substring(line.indexOf(':') + 1).strip())
				.findFirst()
				.orElse("unknown CPU");
		}
		catch (IOException ex) {
			return "unknown CPU";
		}
	}

	private static long memoryGb() {
		try {
			return Files.readAllLines(Path.of("/proc/meminfo"))
				.stream()
				.filter((line) -> line.startsWith("MemTotal:"))
				.map((line) -> Long.parseLong(line.replaceAll("\\D", "")) / 1024 / 1024)
				.findFirst()
				.orElse(0L);
		}
		catch (IOException ex) {
			return 0;
		}
	}

	/**
	 * @param outcome the paced run over the held connections
	 * @param rssMb the server's resident memory while they were held
	 * @param heapPerConnection live heap added per held connection, in bytes
	 * @param rssPerConnection resident memory added per held connection, in bytes
	 */
	private record Held(PacedEcho.Outcome outcome, double rssMb, double heapPerConnection, double rssPerConnection) {
	}

	/**
	 * @param outcome the paced run over the connections held at scale
	 * @param rssMb the server's resident memory while they were held
	 */
	private record AtScale(PacedEcho.Outcome outcome, double rssMb) {
	}

	/**
	 * A server under test: its process and its ports, read from the lines it logs.
	 */
	record Target(ServiceProcess process, int echoTcp, int echoRawTcp, int chatTcp, int echoUdp, int timeTcp) {

		static Target of(ServiceProcess process) {
			return new Target(process, process.awaitPort("echo-tcp"), process.awaitPort("echo-raw"),
					process.awaitPort("chat-tcp"), process.awaitPort("echo-udp"), process.awaitPort("time-tcp"));
		}

	}

}
