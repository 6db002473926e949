package dev.sockets.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;

import dev.sockets.support.ServiceProcess;

/**
 * Startup: seconds from starting a process to its being ready for clients.
 */
final class Startup {

	/** The service's own word that it takes traffic. */
	private static final String READY = "Readiness: ACCEPTING_TRAFFIC";

	private Startup() {
	}

	/**
	 * @return the median of several startups, one after the other
	 */
	static double median(int runs, DoubleSupplier startup) {
		double[] seconds = new double[runs];
		for (int i = 0; i < runs; i++) {
			seconds[i] = startup.getAsDouble();
		}
		Arrays.sort(seconds);
		return (runs % 2 == 1) ? seconds[runs / 2] : (seconds[runs / 2 - 1] + seconds[runs / 2]) / 2;
	}

	/**
	 * @return seconds from {@code java -jar} to the service reporting readiness
	 */
	static double service(List<String> jvm, String... args) {
		long start = System.nanoTime();
		try (ServiceProcess service = ServiceProcess.start(Path.of("."), Map.of(), jvm, args)) {
			service.awaitOutput(READY, Duration.ofSeconds(60));
			return (System.nanoTime() - start) / 1e9;
		}
	}

	/**
	 * @return seconds from starting the extracted jar (as the image does), with or
	 * without its AOT cache, to the service reporting readiness
	 */
	static double extracted(Path application, boolean aotCache, List<String> jvm, String... args) {
		List<String> command = new ArrayList<>(jvm);
		if (aotCache) {
			// "on" rather than the image's default "auto": a cache that cannot be used
			// fails the run instead of timing a start without it.
			command.addAll(List.of("-XX:AOTCache=" + AotCache.CACHE, "-XX:AOTMode=on"));
		}
		command.addAll(List.of("-jar", "sockets.jar"));
		command.addAll(List.of(args));
		long start = System.nanoTime();
		try (ServiceProcess service = ServiceProcess.launch(application, Map.of(), command)) {
			service.awaitOutput(READY, Duration.ofSeconds(60));
			return (System.nanoTime() - start) / 1e9;
		}
	}

	/**
	 * @return seconds from starting the reference server to its last listener bound
	 */
	static double reference(List<String> jvm) {
		long start = System.nanoTime();
		try (ServiceProcess reference = ServiceProcess.startClass(ReferenceServer.class, jvm)) {
			reference.awaitOutput("echo-udp listening on", Duration.ofSeconds(60));
			return (System.nanoTime() - start) / 1e9;
		}
	}

	/**
	 * @return seconds from starting xinetd to its every service bound
	 */
	static double xinetd() {
		try (Xinetd xinetd = Xinetd.startIfInstalled().orElseThrow()) {
			return xinetd.startupSeconds();
		}
	}

}
