package dev.sockets.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.sockets.support.LineClient;
import dev.sockets.support.ServiceProcess;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the image build does, without a container engine: the Dockerfile's layer
 * extraction run on the built jar, its layers copied as its COPY lines copy them, its
 * training run writing the AOT cache, and its ENTRYPOINT started in the result with that
 * cache.
 */
class ContainerImageIT {

	@Test
	void theExtractedLayersRunWithTheEntrypoint(@TempDir Path directory) throws Exception {
		Dockerfile dockerfile = Dockerfile.read();
		assertThat(dockerfile.user()).doesNotStartWith("0").doesNotStartWith("root");
		assertThat(dockerfile.layers()).containsExactly("dependencies", "spring-boot-loader", "snapshot-dependencies",
				"application");

		Path build = Files.createDirectories(directory.resolve("build/target"));
		Files.copy(Path.of("target", "sockets.jar"), build.resolve("sockets.jar"));
		run(directory.resolve("build"), dockerfile.extractCommand());

		Path application = Files.createDirectories(directory.resolve("application"));
		for (String layer : dockerfile.layers()) {
			copyTree(directory.resolve("build/extracted").resolve(layer), application);
		}
		assertThat(application.resolve("sockets.jar")).exists();
		assertThat(application.resolve("lib")).isDirectoryContaining("glob:**/spring-integration-ip-*.jar");

		Map<String, String> environment = Map.of("SOCKETS_BIND_ADDRESS", "127.0.0.1", "SOCKETS_TIME_TCP_PORT", "0",
				"SOCKETS_TIME_UDP_PORT", "0", "SOCKETS_ECHO_TCP_PORT", "0", "SOCKETS_ECHO_UDP_PORT", "0",
				"SOCKETS_CHAT_TCP_PORT", "0", "SOCKETS_CHAT_IRC_PORT", "0", "MANAGEMENT_SERVER_PORT", "0");
		List<String> training = dockerfile.trainingCommand();
		try (ServiceProcess run = ServiceProcess.launch(application, environment,
				training.subList(1, training.size()))) {
			assertThat(run.awaitExit(Duration.ofSeconds(120))).as("the training run's exit code").isZero();
		}
		assertThat(application.resolve("sockets.aot")).as("the AOT cache the training run writes").isNotEmptyFile();

		// With the cache required, not merely tried: a cache the entrypoint's JVM cannot
		// use fails the start.
		List<String> entrypoint = new ArrayList<>(List.of("-XX:AOTMode=on"));
		entrypoint.addAll(dockerfile.javaArguments());
		try (ServiceProcess service = ServiceProcess.launch(application, environment, entrypoint)) {
			int echo = service.awaitPort("echo-tcp");
			try (LineClient client = LineClient.connect(echo)) {
				assertThat(client.send("layered").readLine()).isEqualTo("layered");
			}
			// Echo serves a moment before the start is over and SIGTERM is the service's
			// to handle; a busy machine makes that moment long enough to hit.
			service.awaitOutput("Readiness: ACCEPTING_TRAFFIC", Duration.ofSeconds(60));
			service.terminate();
			assertThat(service.awaitExit(Duration.ofSeconds(60))).isZero();
		}
	}

	private static void run(Path directory, List<String> command) throws IOException, InterruptedException {
		List<String> java = new ArrayList<>(command);
		java.set(0, ProcessHandle.current().info().command().orElse("java"));
		Process process = new ProcessBuilder(java).directory(directory.toFile()).inheritIO().start();
		assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as("exit code of %s", command).isZero();
	}

	private static void copyTree(Path from, Path to) throws IOException {
		try (Stream<Path> files = Files.walk(from)) {
			for (Path file : files.toList()) {
				Path target = to.resolve(from.relativize(file).toString());
				if (Files.isDirectory(file)) {
					Files.createDirectories(target);
				}
				else {
					Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
				}
			}
		}
	}

}
