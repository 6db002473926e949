package dev.sockets.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.fail;

/**
 * Runs a program to its end within a time limit. Its output goes to a file rather than a
 * pipe read after the fact, so that neither a program that never closes its output nor
 * one that fills a pipe can keep the test waiting past the limit.
 */
final class ProcessOutput {

	private ProcessOutput() {
	}

	/**
	 * @param builder the program and its arguments
	 * @param input fed to its standard input, or null
	 * @param timeout how long it may take; it is killed after that, and the test fails
	 * @return its exit code and its standard output and error, interleaved
	 */
	static InstalledProgram.Result run(ProcessBuilder builder, String input, Duration timeout) {
		Path output = null;
		try {
			output = Files.createTempFile("process-", ".out");
			Process process = builder.redirectErrorStream(true).redirectOutput(output.toFile()).start();
			if (input != null) {
				process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
			}
			process.getOutputStream().close();
			if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				process.destroyForcibly();
				return fail(String.join(" ", builder.command()) + " did not finish within " + timeout + ": "
						+ Files.readString(output));
			}
			return new InstalledProgram.Result(process.exitValue(), Files.readString(output));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		finally {
			if (output != null) {
				output.toFile().delete();
			}
		}
	}

	/**
	 * Runs a program whose standard output is read apart from its standard error.
	 * @return its standard output; the test fails if it does not exit 0, showing its
	 * standard error
	 */
	static String runForOutput(ProcessBuilder builder, Duration timeout) {
		Path errors = null;
		try {
			errors = Files.createTempFile("process-", ".err");
			Path output = Files.createTempFile("process-", ".out");
			Process process = builder.redirectOutput(output.toFile()).redirectError(errors.toFile()).start();
			process.getOutputStream().close();
			if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				process.destroyForcibly();
				return fail(String.join(" ", builder.command()) + " did not finish within " + timeout);
			}
			String out = Files.readString(output);
			output.toFile().delete();
			if (process.exitValue() != 0) {
				return fail(String.join(" ", builder.command()) + " failed (" + process.exitValue() + "): "
						+ Files.readString(errors));
			}
			return out;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		finally {
			if (errors != null) {
				errors.toFile().delete();
			}
		}
	}

}
