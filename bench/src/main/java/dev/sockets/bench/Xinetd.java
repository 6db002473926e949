package dev.sockets.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

import org.awaitility.Awaitility;

import dev.sockets.support.InstalledProgram;
import dev.sockets.support.Processes;

/**
 * The second yardstick: xinetd, the classic super-server, with its own built-in
 * {@code echo} (stream and datagram) and {@code daytime} services on free loopback ports.
 * Its configuration is written to a directory of its own; it runs in the foreground as
 * the current user, and is stopped at the end.
 */
final class Xinetd implements AutoCloseable {

	private final Process process;

	private final Path directory;

	private final int echoTcp;

	private final int echoUdp;

	private final int daytimeTcp;

	private final long startNanos;

	private final long readyNanos;

	private Xinetd(Process process, Path directory, int echoTcp, int echoUdp, int daytimeTcp, long startNanos,
			long readyNanos) {
		this.process = process;
		this.directory = directory;
		this.echoTcp = echoTcp;
		this.echoUdp = echoUdp;
		this.daytimeTcp = daytimeTcp;
		this.startNanos = startNanos;
		this.readyNanos = readyNanos;
	}

	/**
	 * @return xinetd serving, or empty where it is not installed
	 */
	static Optional<Xinetd> startIfInstalled() {
		if (!InstalledProgram.installed("xinetd")) {
			System.out.println("bench: xinetd is not installed (Debian: apt-get install xinetd)");
			return Optional.empty();
		}
		return Optional.of(start());
	}

	private static Xinetd start() {
		try {
			Path directory = Files.createTempDirectory("bench-xinetd-");
			int echoTcp = Processes.freeTcpPort();
			int echoUdp = Processes.freeUdpPort();
			int daytimeTcp = Processes.freeTcpPort();
			Path config = directory.resolve("xinetd.conf");
			Path log = directory.resolve("xinetd.log");
			Files.writeString(config, config(echoTcp, echoUdp, daytimeTcp, directory.resolve("services.log")));
			InstalledProgram xinetd = InstalledProgram.require("xinetd", "xinetd");
			ProcessBuilder builder = xinetd
				.command("-f", config.toString(), "-filelog", log.toString(), "-dontfork", "-stayalive")
				.redirectErrorStream(true)
				.redirectOutput(directory.resolve("xinetd.out").toFile());
			long start = System.nanoTime();
			Process process = builder.start();
			// It says so once every service is bound.
			long[] ready = new long[1];
			Awaitility.await("xinetd serving")
				.atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(2))
				.until(() -> {
					if (!process.isAlive()) {
						throw new IllegalStateException("xinetd ended: " + read(directory.resolve("xinetd.out")));
					}
					String text = read(log);
					if (text.contains("Started working")) {
						ready[0] = System.nanoTime();
						return true;
					}
					return false;
				});
			String started = read(log);
			if (!started.contains("Started working: 3 available services")) {
				process.destroy();
				throw new IllegalStateException("xinetd did not start every service: " + started);
			}
			return new Xinetd(process, directory, echoTcp, echoUdp, daytimeTcp, start, ready[0]);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Built-in services, found by their service name; no limits of its own (xinetd's
	 * defaults would turn a benchmark away: 50 connections a second, then 10 s disabled),
	 * and nothing logged per connection.
	 */
	private static String config(int echoTcp, int echoUdp, int daytimeTcp, Path servicesLog) {
		String user = System.getProperty("user.name");
		String defaults = """
				defaults
				{
					instances = UNLIMITED
					per_source = UNLIMITED
					cps = 1000000 1
					log_type = FILE %s
					log_on_success =
					log_on_failure =
				}
				""".formatted(servicesLog);
		return defaults + service("echo", "echo-stream", "stream", "tcp", "no", echoTcp, user)
				+ service("echo", "echo-dgram", "dgram", "udp", "yes", echoUdp, user)
				+ service("daytime", "daytime-stream", "stream", "tcp", "no", daytimeTcp, user);
	}

	private static String service(String name, String id, String socketType, String protocol, String wait, int port,
			String user) {
		return """
				service %s
				{
					type = INTERNAL UNLISTED
					id = %s
					socket_type = %s
					protocol = %s
					wait = %s
					user = %s
					bind = 127.0.0.1
					port = %d
				}
				""".formatted(name, id, socketType, protocol, wait, user, port);
	}

	private static String read(Path file) throws IOException {
		return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
	}

	int echoTcp() {
		return this.echoTcp;
	}

	int echoUdp() {
		return this.echoUdp;
	}

	int daytimeTcp() {
		return this.daytimeTcp;
	}

	/**
	 * @return seconds from the process's start to every service bound
	 */
	double startupSeconds() {
		return (this.readyNanos - this.startNanos) / 1e9;
	}

	@Override
	public void close() {
		Processes.stop(this.process, Duration.ofSeconds(10));
		try (Stream<Path> files = Files.walk(this.directory)) {
			files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
		}
		catch (IOException ex) {
			// Left in the temporary directory.
		}
	}

}
