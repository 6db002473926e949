package dev.sockets.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.sockets.support.ServiceProcess;

/**
 * The service laid out as its image lays it out: the jar extracted ({@code jarmode=tools
 * extract}), and beside it an AOT cache written by a training run that starts the
 * application up to its refreshed context and exits, as the image's build does.
 */
final class AotCache {

	static final String CACHE = "sockets.aot";

	private AotCache() {
	}

	/**
	 * @return the directory holding {@code sockets.jar}, its {@code lib/} and the cache
	 */
	static Path prepare(Path directory, List<String> jvm, String... args) {
		Path application = directory.resolve("application").toAbsolutePath();
		delete(application);
		run(Path.of("."), List.of("-Djarmode=tools", "-jar", Path.of("target", "sockets.jar").toString(), "extract",
				"--destination", application.toString()));
		List<String> training = new ArrayList<>(jvm);
		training
			.addAll(List.of("-XX:AOTCacheOutput=" + CACHE, "-Dspring.context.exit=onRefresh", "-jar", "sockets.jar"));
		training.addAll(List.of(args));
		run(application, training);
		if (!Files.exists(application.resolve(CACHE))) {
			throw new IllegalStateException("the training run wrote no " + CACHE);
		}
		return application;
	}

	private static void run(Path directory, List<String> arguments) {
		try (ServiceProcess process = ServiceProcess.launch(directory, Map.of(), arguments)) {
			int exit = process.awaitExit(Duration.ofSeconds(120));
			if (exit != 0) {
				throw new IllegalStateException("java " + arguments + " exited " + exit + ":\n" + process.output());
			}
		}
	}

	private static void delete(Path directory) {
		if (!Files.exists(directory)) {
			return;
		}
		try (Stream<Path> files = Files.walk(directory)) {
			for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(file);
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
