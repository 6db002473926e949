package dev.sockets.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;

/**
 * A real {@code haproxy} (Debian package {@code haproxy}) in TCP mode on free loopback
 * ports, in front of the service: each route is a frontend that forwards to a port of the
 * service, sending a PROXY protocol header ({@code send-proxy} for v1,
 * {@code send-proxy-v2} for v2) or none.
 */
public final class Haproxy implements AutoCloseable {

	private final Process process;

	private final Map<String, Integer> ports;

	private final Path log;

	private Haproxy(Process process, Map<String, Integer> ports, Path log) {
		this.process = process;
		this.ports = ports;
		this.log = log;
	}

	/**
	 * Starts haproxy with these routes and waits until it accepts connections.
	 */
	public static Haproxy start(List<Route> routes) {
		InstalledProgram haproxy = InstalledProgram.require("haproxy", "haproxy");
		try {
			Map<String, Integer> ports = new LinkedHashMap<>();
			StringBuilder config = new StringBuilder("""
					global
					  maxconn 1024
					defaults
					  mode tcp
					  timeout connect 5s
					  timeout client 60s
					  timeout server 60s
					""");
			for (Route route : routes) {
				int port = Processes.freeTcpPort();
				ports.put(route.name(), port);
				config.append("frontend ")
					.append(route.name())
					.append("\n  bind 127.0.0.1:")
					.append(port)
					.append("\n  default_backend ")
					.append(route.name())
					.append("\nbackend ")
					.append(route.name())
					.append("\n  server service 127.0.0.1:")
					.append(route.targetPort())
					.append(' ')
					.append(route.header().option())
					.append('\n');
			}
			// Connecting to it says haproxy is up without reaching the service.
			int probe = Processes.freeTcpPort();
			config.append("frontend probe\n  bind 127.0.0.1:")
				.append(probe)
				.append("\n  tcp-request connection reject\n");
			Path file = Files.createTempFile("haproxy-", ".cfg");
			file.toFile().deleteOnExit();
			Files.writeString(file, config.toString(), StandardCharsets.US_ASCII);
			Path log = Files.createTempFile("haproxy-", ".log");
			log.toFile().deleteOnExit();
			Process process = haproxy.command("-db", "-f", file.toString())
				.redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			Haproxy started = new Haproxy(process, ports, log);
			Awaitility.await("haproxy listening").atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> {
				if (!process.isAlive()) {
					throw new IllegalStateException("haproxy exited: " + Files.readString(log));
				}
				try (Socket socket = new Socket()) {
					socket.connect(new InetSocketAddress("127.0.0.1", probe), 1000);
					return true;
				}
			});
			return started;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * @return the port of a route's frontend
	 */
	public int port(String route) {
		return this.ports.get(route);
	}

	/**
	 * @return what haproxy has written
	 */
	public String output() {
		try {
			return Files.readString(this.log);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		Processes.stop(this.process, Duration.ofSeconds(10));
	}

	/**
	 * A frontend of haproxy and where it forwards.
	 *
	 * @param name the frontend's name
	 * @param targetPort the service's port it forwards to
	 * @param header the PROXY protocol header it sends
	 */
	public record Route(String name, int targetPort, Header header) {
	}

	/**
	 * What haproxy tells the server about the client.
	 */
	public enum Header {

		/** Nothing: the server sees haproxy. */
		NONE(""),

		/** PROXY protocol v1, the text header. */
		V1("send-proxy"),

		/** PROXY protocol v2, the binary header. */
		V2("send-proxy-v2");

		private final String option;

		Header(String option) {
			this.option = option;
		}

		String option() {
			return this.option;
		}

	}

}
