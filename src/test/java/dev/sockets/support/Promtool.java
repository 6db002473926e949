package dev.sockets.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

import static org.assertj.core.api.Assertions.fail;

/**
 * Prometheus's {@code promtool} (Debian package {@code prometheus}), run as a process.
 * <p>
 * Where it is not installed the calling test is skipped with a message saying so; under CI
 * ({@code CI} set) it fails instead, since {@code .ci/run} installs it.
 */
public final class Promtool {

	private Promtool() {
	}

	/**
	 * @param input fed to promtool's standard input, or null
	 * @return the result of {@code promtool <args>}
	 */
	public static Result run(String input, String... args) {
		Path promtool = locate();
		List<String> command = new ArrayList<>();
		command.add(promtool.toString());
		command.addAll(List.of(args));
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			if (input != null) {
				process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
			}
			process.getOutputStream().close();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(60, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				return fail("promtool did not finish: " + output);
			}
			return new Result(process.exitValue(), output);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static Path locate() {
		for (String directory : System.getenv().getOrDefault("PATH", "").split(":")) {
			Path candidate = Path.of(directory, "promtool");
			if (Files.isExecutable(candidate)) {
				return candidate;
			}
		}
		String missing = "promtool is not installed (Debian: apt-get install prometheus)";
		if (System.getenv("CI") != null) {
			return fail(missing);
		}
		Assumptions.abort(missing);
		return null;
	}

	/**
	 * What promtool said.
	 *
	 * @param exitCode its exit code
	 * @param output its standard output and error
	 */
	public record Result(int exitCode, String output) {
	}

}
