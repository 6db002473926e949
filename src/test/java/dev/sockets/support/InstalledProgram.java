package dev.sockets.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Assumptions;

import static org.assertj.core.api.Assertions.fail;

/**
 * A program the tests run as users would, found on the {@code PATH}.
 * <p>
 * Where it is not installed the calling test is skipped with a message naming the program
 * and its Debian package; under CI ({@code CI} set) it fails instead, since
 * {@code .ci/run} installs it.
 */
public final class InstalledProgram {

	private final Path path;

	private InstalledProgram(Path path) {
		this.path = path;
	}

	/**
	 * @return Prometheus's {@code promtool}
	 */
	public static InstalledProgram promtool() {
		return require("promtool", "prometheus");
	}

	/**
	 * @return the {@code openssl} command-line tool
	 */
	public static InstalledProgram openssl() {
		return require("openssl", "openssl");
	}

	/**
	 * @param name the program's name
	 * @return whether it is on the {@code PATH}
	 */
	public static boolean installed(String name) {
		return find(name).isPresent();
	}

	private static Optional<Path> find(String name) {
		// Daemons such as haproxy live in sbin, which a user's PATH may leave out.
		String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/sbin";
		for (String directory : path.split(":")) {
			Path candidate = Path.of(directory, name);
			if (Files.isExecutable(candidate)) {
				return Optional.of(candidate);
			}
		}
		return Optional.empty();
	}

	/**
	 * @param name the program's name
	 * @param debianPackage the Debian package that installs it
	 */
	public static InstalledProgram require(String name, String debianPackage) {
		Optional<Path> found = find(name);
		if (found.isPresent()) {
			return new InstalledProgram(found.get());
		}
		String missing = name + " is not installed (Debian: apt-get install " + debianPackage + ")";
		if (System.getenv("CI") != null) {
			return fail(missing);
		}
		Assumptions.abort(missing);
		return null;
	}

	/**
	 * @return where the program is
	 */
	public Path path() {
		return this.path;
	}

	/**
	 * @return a process builder for the program with these arguments
	 */
	public ProcessBuilder command(String... args) {
		List<String> command = new ArrayList<>();
		command.add(this.path.toString());
		command.addAll(List.of(args));
		return new ProcessBuilder(command);
	}

	/**
	 * Runs the program to its end.
	 * @param input fed to its standard input, or null
	 * @return its exit code and output
	 */
	public Result run(String input, String... args) {
		return ProcessOutput.run(command(args), input, Duration.ofSeconds(60));
	}

	/**
	 * Runs any program to its end, with its standard output and error read from a file
	 * rather than a pipe, so that the time limit always holds.
	 * @return its exit code and output
	 */
	public static Result run(ProcessBuilder program, Duration timeout) {
		return ProcessOutput.run(program, null, timeout);
	}

	/**
	 * Runs the program and asserts that it succeeded.
	 * @return its output
	 */
	public String runSuccessfully(String... args) {
		Result result = run(null, args);
		if (result.exitCode() != 0) {
			fail(this.path.getFileName() + " " + String.join(" ", args) + " failed (" + result.exitCode() + "): "
					+ result.output());
		}
		return result.output();
	}

	/**
	 * What a program said.
	 *
	 * @param exitCode its exit code
	 * @param output its standard output and error
	 */
	public record Result(int exitCode, String output) {

	}

}
