package dev.sockets.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real {@code redis-server} (Debian package {@code redis-server}) on a free loopback
 * port, without persistence, that a test can stop and start again on the same port.
 */
public final class RedisServer implements AutoCloseable {

	private final InstalledProgram program = InstalledProgram.require("redis-server", "redis-server");

	private final int port;

	private final Path log;

	private Process process;

	private RedisServer(int port) throws IOException {
		this.port = port;
		this.log = Files.createTempFile("redis-", ".log");
		this.log.toFile().deleteOnExit();
	}

	/**
	 * Starts a server on a free port and waits until it answers.
	 */
	public static RedisServer start() {
		try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			RedisServer server = new RedisServer(probe.getLocalPort());
			probe.close();
			server.startAgain();
			return server;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public int port() {
		return this.port;
	}

	/**
	 * Starts the server again on its port, after {@link #stop()}.
	 */
	public void startAgain() {
		try {
			this.process = this.program
				.command("--port", String.valueOf(this.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
						"--protected-mode", "no")
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(this.log.toFile()))
				.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		Awaitility.await("redis-server on port " + this.port)
			.atMost(Duration.ofSeconds(20))
			.ignoreExceptions()
			.until(() -> "+PONG".equals(ping()));
	}

	/**
	 * Stops the server (SIGTERM, as an operator or a kubelet would) and waits until it
	 * has gone.
	 */
	public void stop() {
		this.process.destroy();
		try {
			assertThat(this.process.waitFor(20, TimeUnit.SECONDS)).as("redis-server stopped").isTrue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Freezes the server (SIGSTOP): connections stay open and nothing is answered, as a
	 * Redis that hangs.
	 */
	public void pause() {
		signal("STOP");
	}

	/**
	 * Lets a frozen server go on (SIGCONT).
	 */
	public void resume() {
		signal("CONT");
	}

	private void signal(String name) {
		InstalledProgram.Result result = InstalledProgram
			.run(new ProcessBuilder("kill", "-" + name, String.valueOf(this.process.pid())), Duration.ofSeconds(10));
		assertThat(result.exitCode()).as("kill -%s: %s", name, result.output()).isZero();
	}

	private String ping() throws IOException {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", this.port), 1000);
			socket.setSoTimeout(1000);
			OutputStream out = socket.getOutputStream();
			out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			byte[] reply = new byte[7];
			int read = in.readNBytes(reply, 0, 7);
			return new String(reply, 0, Math.max(0, read - 2), StandardCharsets.US_ASCII);
		}
	}

	@Override
	public void close() {
		if (this.process != null && this.process.isAlive()) {
			this.process.destroyForcibly();
		}
	}

}
