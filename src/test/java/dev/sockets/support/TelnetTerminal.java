package dev.sockets.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.awaitility.Awaitility;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Debian's {@code telnet} (inetutils) as a user runs it: in a terminal, here a detached
 * {@code tmux} session with a server of its own, typed into with {@code send-keys} and
 * read with {@code capture-pane}. Every read waits for what should be on the screen;
 * nothing sleeps.
 */
public final class TelnetTerminal implements AutoCloseable {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final InstalledProgram tmux;

	/** The terminal's own directory: its home, and the socket of its tmux server. */
	private final Path home;

	private TelnetTerminal(InstalledProgram tmux, Path home) {
		this.tmux = tmux;
		this.home = home;
	}

	/**
	 * Starts {@code telnet 127.0.0.1 PORT} in a terminal and waits until it is connected.
	 */
	public static TelnetTerminal connect(int port) {
		InstalledProgram telnet = InstalledProgram.require("telnet", "telnet");
		InstalledProgram tmux = InstalledProgram.require("tmux", "tmux");
		try {
			// An empty home: no .telnetrc of the machine's user changes the client.
			TelnetTerminal terminal = new TelnetTerminal(tmux, Files.createTempDirectory("telnet-terminal"));
			terminal.tmux("new-session", "-d", "-x", "160", "-y", "50", telnet.path() + " 127.0.0.1 " + port);
			terminal.awaitScreen("Escape character is '^]'.");
			return terminal;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Types a line and Enter.
	 */
	public TelnetTerminal type(String line) {
		tmux("send-keys", "-l", line);
		tmux("send-keys", "Enter");
		return this;
	}

	/**
	 * Presses Ctrl-C.
	 */
	public TelnetTerminal interrupt() {
		tmux("send-keys", "C-c");
		return this;
	}

	/**
	 * @return every line the terminal shows or has scrolled away, without trailing blanks
	 */
	public List<String> screen() {
		return tmux("capture-pane", "-p", "-J", "-S", "-").lines().map(String::stripTrailing).toList();
	}

	/**
	 * Waits until a line of the screen is exactly this text, starting in the first
	 * column.
	 */
	public void awaitLine(String line) {
		Awaitility.await()
			.atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(screen()).as("the telnet user's screen").contains(line));
	}

	/**
	 * Waits until a line of the screen contains this text.
	 */
	public void awaitScreen(String text) {
		Awaitility.await()
			.atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(String.join("\n", screen())).as("the telnet user's screen").contains(text));
	}

	private String tmux(String... args) {
		String[] command = new String[args.length + 3];
		command[0] = "-u";
		command[1] = "-S";
		command[2] = this.home.resolve("tmux").toString();
		System.arraycopy(args, 0, command, 3, args.length);
		ProcessBuilder builder = this.tmux.command(command).redirectErrorStream(true);
		Map<String, String> environment = builder.environment();
		environment.put("HOME", this.home.toString());
		environment.put("LANG", "C.UTF-8");
		environment.put("TERM", "xterm");
		try {
			Process process = builder.start();
			process.getOutputStream().close();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			int exit = process.waitFor();
			assertThat(exit).as("tmux " + String.join(" ", args) + ": " + output).isZero();
			return output;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Ends the terminal, and telnet with it.
	 */
	@Override
	public void close() {
		try {
			tmux("kill-server");
		}
		catch (AssertionError ex) {
			// telnet ended already, and the tmux server with its last session
		}
		try (Stream<Path> files = Files.list(this.home)) {
			for (Path file : files.toList()) {
				Files.deleteIfExists(file);
			}
			Files.deleteIfExists(this.home);
		}
		catch (IOException ex) {
			// a temporary directory left behind
		}
	}

}
