package dev.sockets.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The built executable jar running as a separate process, as an operator runs it.
 */
public final class ServiceProcess implements AutoCloseable {

	private static final Path JAR = Path.of("target", "sockets.jar").toAbsolutePath();

	private final Process process;

	private final Path log;

	private ServiceProcess(Process process, Path log) {
		this.process = process;
		this.log = log;
	}

	/**
	 * Starts {@code java -jar target/sockets.jar} in a working directory.
	 * @param workingDirectory where the process runs; its {@code config/} is Spring
	 * Boot's
	 * @param environment variables added to the inherited environment
	 * @param args command-line arguments
	 */
	public static ServiceProcess start(Path workingDirectory, Map<String, String> environment, String... args) {
		return start(workingDirectory, environment, List.of(), args);
	}

	/**
	 * Starts {@code java <jvmArgs> -jar target/sockets.jar <args>} in a working
	 * directory.
	 */
	public static ServiceProcess start(Path workingDirectory, Map<String, String> environment, List<String> jvmArgs,
			String... args) {
		assertThat(JAR).as("the executable jar (built by the package phase)").exists();
		List<String> command = new ArrayList<>(jvmArgs);
		command.add("-jar");
		command.add(JAR.toString());
		command.addAll(List.of(args));
		return launch(workingDirectory, environment, command);
	}

	/**
	 * Starts a main class from this JVM's class path in a process of its own.
	 */
	public static ServiceProcess startClass(Class<?> mainClass, List<String> jvmArgs, String... args) {
		List<String> command = new ArrayList<>(jvmArgs);
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(mainClass.getName());
		command.addAll(List.of(args));
		return launch(Path.of("."), Map.of(), command);
	}

	/**
	 * Starts {@code java <arguments>} in a working directory, e.g. an image's ENTRYPOINT.
	 */
	public static ServiceProcess launch(Path workingDirectory, Map<String, String> environment,
			List<String> arguments) {
		List<String> command = new ArrayList<>();
		command.add(ProcessHandle.current().info().command().orElse("java"));
		command.addAll(arguments);
		try {
			Path log = Files.createTempFile("sockets-", ".log");
			// Read after the process stops, too; gone when the tests' JVM is.
			log.toFile().deleteOnExit();
			ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile())
				.redirectErrorStream(true)
				.redirectOutput(log.toFile());
			builder.environment().putAll(environment);
			return new ServiceProcess(builder.start(), log);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * @return a line of the process's {@code /proc/<pid>/status} in kB, e.g.
	 * {@code VmRSS} (resident memory now) or {@code VmHWM} (its peak)
	 */
	public long memoryKb(String field) {
		return status(field);
	}

	/**
	 * @return the process's threads, as the kernel counts them
	 */
	public long threads() {
		return status("Threads");
	}

	/**
	 * @return the file descriptors the process has open: sockets, files, pipes
	 */
	public long openFiles() {
		try (var entries = Files.list(Path.of("/proc", String.valueOf(pid()), "fd"))) {
			return entries.count();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Runs a full garbage collection in the process ({@code jcmd GC.run}) and measures
	 * the heap after it.
	 * @return the heap in use after the collection, in kB
	 */
	public long heapAfterFullGcKb() {
		jcmd("GC.run");
		Matcher used = Pattern.compile("used (\\d+)K").matcher(jcmd("GC.heap_info"));
		assertThat(used.find()).as("heap use in jcmd GC.heap_info").isTrue();
		return Long.parseLong(used.group(1));
	}

	/**
	 * @return the names of the process's Java threads ({@code jcmd Thread.print})
	 */
	public List<String> threadNames() {
		return Pattern.compile("(?m)^\"([^\"]+)\"")
			.matcher(jcmd("Thread.print"))
			.results()
			.map((match) -> match.group(1))
			.toList();
	}

	/**
	 * Counts the live objects of the process's heap ({@code jcmd GC.class_histogram},
	 * which collects first), and writes the histogram to a file for a look at where the
	 * bytes go.
	 * @return the bytes the live objects take
	 */
	public long liveHeapBytes(Path histogram) {
		String output = jcmd("GC.class_histogram");
		try {
			Files.createDirectories(histogram.toAbsolutePath().getParent());
			Files.writeString(histogram, output);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		Matcher total = Pattern.compile("(?m)^Total\\s+\\d+\\s+(\\d+)").matcher(output);
		assertThat(total.find()).as("the total of jcmd GC.class_histogram").isTrue();
		return Long.parseLong(total.group(1));
	}

	/**
	 * Writes where the process's native memory goes ({@code jcmd VM.native_memory
	 * summary}) to a file, if it runs with {@code -XX:NativeMemoryTracking}.
	 * @return whether it did
	 */
	public boolean saveNativeMemory(Path file) {
		String output = jcmd("VM.native_memory summary");
		if (!output.contains("Native Memory Tracking:")) {
			return false;
		}
		try {
			Files.createDirectories(file.toAbsolutePath().getParent());
			Files.writeString(file, output);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		return true;
	}

	private String jcmd(String command) {
		Path java = Path.of(ProcessHandle.current().info().command().orElseThrow());
		Path jcmd = java.resolveSibling("jcmd");
		InstalledProgram.Result result = InstalledProgram
			.run(new ProcessBuilder(jcmd.toString(), String.valueOf(pid()), command), Duration.ofSeconds(60));
		assertThat(result.exitCode()).as("jcmd %s: %s", command, result.output()).isZero();
		return result.output();
	}

	private long status(String field) {
		try {
			for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid()), "status"))) {
				if (line.startsWith(field + ":")) {
					return Long.parseLong(line.replaceAll("\\D", ""));
				}
			}
			throw new IllegalStateException("No " + field + " in /proc/" + pid() + "/status");
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * @return everything the process has written so far
	 */
	public String output() {
		try {
			return Files.readString(this.log, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Waits for the process to log that a listener is up, and returns its port.
	 * @param listener e.g. {@code echo/tcp}
	 */
	public int awaitPort(String listener) {
		return awaitLoggedPort(listener, Pattern.compile(Pattern.quote(listener) + " listening on \\S+:(\\d+)"));
	}

	/**
	 * Waits, looking often, for the process to write a text, so that the moment it does
	 * is known to a few milliseconds.
	 */
	public void awaitOutput(String text, Duration timeout) {
		Awaitility.await(text).atMost(timeout).pollInterval(Duration.ofMillis(2)).until(() -> {
			assertThat(this.process.isAlive()).as("process alive; output:%n%s", output()).isTrue();
			return output().contains(text);
		});
	}

	/**
	 * Waits for the management server to start, and returns its port.
	 */
	public int awaitManagementPort() {
		return awaitLoggedPort("the management server", Pattern.compile("Tomcat started on port (\\d+)"));
	}

	private int awaitLoggedPort(String what, Pattern line) {
		int[] port = new int[1];
		Awaitility.await("port of " + what).atMost(Duration.ofSeconds(120)).until(() -> {
			assertThat(this.process.isAlive()).as("process alive; output:%n%s", output()).isTrue();
			Matcher matcher = line.matcher(output());
			if (matcher.find()) {
				port[0] = Integer.parseInt(matcher.group(1));
				return true;
			}
			return false;
		});
		return port[0];
	}

	/**
	 * Waits for the process to end by itself.
	 * @return its exit code
	 */
	public int awaitExit(Duration timeout) {
		try {
			assertThat(this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS))
				.as("process exited; output:%n%s", output())
				.isTrue();
			return this.process.exitValue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public long pid() {
		return this.process.pid();
	}

	/**
	 * Kills the process outright (SIGKILL), as a crash or an out-of-memory kill would: it
	 * says no goodbye.
	 */
	public void kill() {
		this.process.destroyForcibly();
		try {
			this.process.waitFor(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Sends SIGTERM, as {@code kill} and a kubelet do.
	 */
	public void terminate() {
		this.process.destroy();
	}

	/**
	 * Asks the process to stop (SIGTERM) and waits for it; kills it only if it will not
	 * stop.
	 */
	@Override
	public void close() {
		Processes.stop(this.process, Duration.ofSeconds(30));
	}

}
