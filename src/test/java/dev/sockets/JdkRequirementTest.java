package dev.sockets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.util.FileSystemUtils;

import dev.sockets.support.InstalledProgram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The README's commands on a JDK older than 21 (this machine's default java is 17): one
 * clear line naming the JDK found and the one needed, never a JVM option error.
 */
class JdkRequirementTest {

	private static final Path JVMS = Path.of("/usr/lib/jvm");

	@Test
	void theWrapperOnAnOlderJdkSaysWhichJdkItFoundAndWhichItNeeds(@TempDir Path project) throws IOException {
		Path oldJdk = olderJdk().orElseGet(() -> {
			String missing = "no JDK older than 21 under " + JVMS
					+ " (Debian: apt-get install openjdk-17-jdk-headless)";
			if (System.getenv("CI") != null) {
				return fail(missing);
			}
			Assumptions.abort(missing);
			return null;
		});
		// The build's own files, without the sources: the check comes before anything
		// else.
		Files.copy(Path.of("pom.xml"), project.resolve("pom.xml"));
		Files.copy(Path.of("mvnw"), project.resolve("mvnw"));
		FileSystemUtils.copyRecursively(Path.of(".mvn"), project.resolve(".mvn"));
		ProcessBuilder wrapper = new ProcessBuilder("./mvnw", "-B", "-o", "validate").directory(project.toFile());
		wrapper.environment().keySet().removeIf((name) -> name.startsWith("MAVEN"));
		wrapper.environment().put("JAVA_HOME", oldJdk.toString());
		InstalledProgram.Result result = InstalledProgram.run(wrapper, Duration.ofMinutes(3));
		assertThat(result.exitCode()).as(result.output()).isNotZero();
		assertThat(result.output())
			.contains("sockets needs a JDK 21 or newer to build and run; this is JDK 17", "at " + oldJdk,
					"Set JAVA_HOME to a JDK 21 or newer")
			.doesNotContain("Unrecognized option", "Error: Could not create the Java Virtual Machine");
	}

	@Test
	void theBuildAsksTheJvmForNoOptionOfALaterJdk() {
		// .mvn/jvm.config is read by every JDK that runs the wrapper; options of JDK 23
		// and later
		// (--sun-misc-unsafe-memory-access) end the JVM on 21 and 22 before Maven starts.
		assertThat(Path.of(".mvn", "jvm.config")).doesNotExist();
	}

	@Test
	void theServiceIsCompiledForJdk21() throws IOException {
		// Class file version 65 is Java 21: the jar runs on every JDK from 21 on.
		byte[] header = Arrays
			.copyOf(Files.readAllBytes(Path.of("target/classes/dev/sockets/SocketsApplication.class")), 8);
		assertThat(((header[6] & 0xff) << 8) | (header[7] & 0xff)).isEqualTo(65);
	}

	private static Optional<Path> olderJdk() throws IOException {
		if (!Files.isDirectory(JVMS)) {
			return Optional.empty();
		}
		try (Stream<Path> homes = Files.list(JVMS)) {
			return homes.filter((home) -> Files.isExecutable(home.resolve("bin/java")))
				.filter((home) -> home.getFileName().toString().matches("(java-)?17(-openjdk)?.*|openjdk-17.*"))
				.findFirst();
		}
	}

}
