package dev.sockets.deploy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.sockets.support.Actuator;
import dev.sockets.support.DatagramClient;
import dev.sockets.support.LineClient;
import dev.sockets.support.Manifests;
import dev.sockets.support.ServiceProcess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * What a kubelet does with the Deployment, without a cluster: the built jar started as
 * the image's entrypoint with the pod's environment and the ConfigMap mounted as
 * {@code config/application.yml}, probed as the probes are declared, sent traffic on
 * every declared port, then stopped the way a rolling update stops a pod: preStop, then
 * SIGTERM, within the grace period.
 */
class KubeletIT {

	private static final String POD = "sockets-7d4b9c-x2k4p";

	@Test
	void aPodStartsServesAndStopsWithoutLosingAReply(@TempDir Path pod) throws Exception {
		Manifests manifests = Manifests.render("deploy/kubernetes");
		Deployment deployment = manifests.deployment();
		Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
		Dockerfile image = Dockerfile.read();
		assertPortsAreFree(container);

		VolumeMount config = container.getVolumeMounts()
			.stream()
			.filter((mount) -> mount.getMountPath().equals(image.workdir() + "/config"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no volume mounted at " + image.workdir() + "/config"));
		assertThat(config.getReadOnly()).isTrue();
		Files.createDirectories(pod.resolve("config"));
		Files.writeString(pod.resolve("config/application.yml"),
				manifests.configMap().getData().get("application.yml"));

		List<String> command = new ArrayList<>(image.javaArguments());
		command.set(command.indexOf("sockets.jar"), Path.of("target", "sockets.jar").toAbsolutePath().toString());
		if (container.getArgs() != null) {
			command.addAll(container.getArgs());
		}
		try (ServiceProcess service = ServiceProcess.launch(pod, environment(container), command)) {
			int management = port(container, "management");
			Actuator actuator = new Actuator(management);
			awaitProbe(service, actuator, container.getStartupProbe());
			awaitProbe(service, actuator, container.getReadinessProbe());
			assertThat(actuator.get(container.getLivenessProbe().getHttpGet().getPath()).status()).isEqualTo(200);
			for (ContainerPort port : container.getPorts()) {
				sendTraffic(port, actuator);
			}
			assertThat(actuator.get("/actuator/health").body()).contains("\"status\":\"UP\"");
			assertThat(actuator.scrape().value("sockets_listener_up", "listener", "chat-tcp", "instance", POD))
				.isEqualTo(1);

			try (LineClient chat = LineClient.connect(port(container, "chat-tcp"));
					EchoStream echo = new EchoStream(port(container, "echo-tcp"))) {
				assertThat(chat.readLine()).startsWith("* Welcome");
				echo.awaitReplies(100);

				long stopStarted = System.nanoTime();
				List<String> preStop = container.getLifecycle().getPreStop().getExec().getCommand();
				Process hook = new ProcessBuilder(preStop).inheritIO().start();
				assertThat(hook.waitFor(60, TimeUnit.SECONDS)).isTrue();
				assertThat(hook.exitValue()).isZero();
				service.terminate();

				ShutdownWatch watch = new ShutdownWatch(actuator, port(container, "echo-tcp"));
				watch.start();
				assertThat(chat.readLineStartingWith("* server")).isEqualTo("* server shutting down");
				chat.assertClosedByServer();

				long grace = deployment.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds();
				Duration left = Duration.ofSeconds(grace).minusNanos(System.nanoTime() - stopStarted);
				assertThat(service.awaitExit(left)).as("exit code").isZero();
				watch.stop();

				echo.assertEveryReplyInOrderThenClose();
				assertThat(watch.sawReadinessRefused).as("readiness went OUT_OF_SERVICE before the process ended")
					.isTrue();
				assertThat(watch.sawConnectionRefused).as("the listener stopped accepting before the process ended")
					.isTrue();
			}
			assertShutdownOrder(service.output());
		}
	}

	private static Map<String, String> environment(Container container) {
		Map<String, String> environment = new HashMap<>();
		for (EnvVar variable : container.getEnv()) {
			if (variable.getValue() != null) {
				environment.put(variable.getName(), variable.getValue());
			}
			else if (variable.getValueFrom() != null && variable.getValueFrom().getFieldRef() != null) {
				String field = variable.getValueFrom().getFieldRef().getFieldPath();
				assertThat(field).as("downward API field this test can fill in").isEqualTo("metadata.name");
				environment.put(variable.getName(), POD);
			}
		}
		return environment;
	}

	private static int port(Container container, String name) {
		return container.getPorts()
			.stream()
			.filter((port) -> name.equals(port.getName()))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no container port " + name))
			.getContainerPort();
	}

	private static void assertPortsAreFree(Container container) {
		for (ContainerPort port : container.getPorts()) {
			try {
				if ("UDP".equals(port.getProtocol())) {
					new DatagramSocket(port.getContainerPort()).close();
				}
				else {
					new ServerSocket(port.getContainerPort()).close();
				}
			}
			catch (IOException ex) {
				fail("This test runs the service on the ports the manifests declare, and " + port.getProtocol()
						+ " port " + port.getContainerPort() + " is taken: " + ex.getMessage());
			}
		}
	}

	/**
	 * Polls a probe as a kubelet does: every period, giving up after the failure
	 * threshold.
	 */
	private static void awaitProbe(ServiceProcess service, Actuator actuator, Probe probe) {
		Duration period = Duration.ofSeconds(probe.getPeriodSeconds());
		Duration limit = period.multipliedBy(probe.getFailureThreshold()).plus(period);
		Awaitility.await(probe.getHttpGet().getPath())
			.atMost(limit)
			.pollInterval(period)
			.ignoreExceptions()
			.untilAsserted(() -> assertThat(actuator.get(probe.getHttpGet().getPath()).status())
				.as("probe %s; output so far:%n%s", probe.getHttpGet().getPath(), service.output())
				.isBetween(200, 399));
	}

	private static void sendTraffic(ContainerPort port, Actuator actuator) {
		// The IRC listener says nothing until a client registers.
		String service = "chat-irc".equals(port.getName()) ? "irc" : port.getName().split("-")[0];
		int number = port.getContainerPort();
		if ("management".equals(port.getName())) {
			assertThat(actuator.get("/actuator/info").status()).isEqualTo(200);
		}
		else if ("UDP".equals(port.getProtocol())) {
			try (DatagramClient client = new DatagramClient(number)) {
				client.send("kubelet".getBytes(StandardCharsets.US_ASCII));
				assertThat(client.receive()).as("answer on %s", port.getName()).isPresent();
			}
		}
		else {
			try (LineClient client = LineClient.connect(number)) {
				switch (service) {
					case "time" ->
						assertThat(new String(client.readToEnd(), StandardCharsets.US_ASCII)).endsWith("Z\r\n");
					case "echo" -> assertThat(client.send("kubelet").readLine()).isEqualTo("kubelet");
					case "chat" -> assertThat(client.readLine()).startsWith("* Welcome");
					case "irc" -> assertThat(client.send("NICK kubelet").send("USER k 0 * :K").readLine())
						.contains(" 001 kubelet ");
					default -> fail("unknown port " + port.getName());
				}
			}
		}
	}

	private static void assertShutdownOrder(String log) {
		List<String> steps = List.of("SIGTERM received", "Readiness: REFUSING_TRAFFIC",
				"listeners no longer accept connections", "chat-tcp 127.0.0.1", "every connection closed",
				"Stopping service [Tomcat]");
		int previous = 0;
		for (String step : steps) {
			int at = log.indexOf(step, previous);
			assertThat(at).as("'%s' in the log after the step before it; log:%n%s", step, log).isPositive();
			previous = at;
		}
	}

	/**
	 * An echo client in the middle of a stream: sends a line every millisecond until the
	 * server closes, and collects the replies.
	 */
	private static final class EchoStream implements AutoCloseable {

		private final Socket socket = new Socket();

		private final List<String> replies = new CopyOnWriteArrayList<>();

		private final AtomicInteger sent = new AtomicInteger();

		private final AtomicBoolean ended = new AtomicBoolean();

		private final Thread writer;

		private final Thread reader;

		EchoStream(int port) throws IOException {
			this.socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
			OutputStream out = this.socket.getOutputStream();
			BufferedReader in = new BufferedReader(
					new InputStreamReader(this.socket.getInputStream(), StandardCharsets.UTF_8));
			this.writer = Thread.ofPlatform().start(() -> {
				try {
					while (!this.ended.get()) {
						out.write(("line " + this.sent.get() + "\n").getBytes(StandardCharsets.US_ASCII));
						out.flush();
						this.sent.incrementAndGet();
						Thread.sleep(1);
					}
				}
				catch (IOException | InterruptedException ex) {
					// the server is gone
				}
			});
			this.reader = Thread.ofPlatform().start(() -> {
				try {
					String line;
					while ((line = in.readLine()) != null) {
						this.replies.add(line);
					}
				}
				catch (IOException ex) {
					this.replies.add("<" + ex + ">");
				}
				this.ended.set(true);
				// A client that takes its time to hang up, as real ones do.
				sleepQuietly(Duration.ofSeconds(1));
				closeQuietly();
			});
		}

		void awaitReplies(int count) {
			Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> this.replies.size() >= count);
		}

		void assertEveryReplyInOrderThenClose() throws InterruptedException {
			this.reader.join(Duration.ofSeconds(10));
			assertThat(this.ended).as("the server closed the stream").isTrue();
			assertThat(this.replies).isNotEmpty();
			for (int i = 0; i < this.replies.size(); i++) {
				assertThat(this.replies.get(i)).as("reply %d of %d (sent %d)", i, this.replies.size(), this.sent.get())
					.isEqualTo("line " + i);
			}
		}

		private static void sleepQuietly(Duration duration) {
			try {
				Thread.sleep(duration);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

		private void closeQuietly() {
			try {
				this.socket.close();
			}
			catch (IOException ex) {
				// closed already
			}
		}

		@Override
		public void close() {
			this.ended.set(true);
			closeQuietly();
		}

	}

	/**
	 * Watches from outside while the pod stops: readiness, and whether new clients get
	 * in.
	 */
	private static final class ShutdownWatch {

		private final Actuator actuator;

		private final int port;

		private final AtomicBoolean running = new AtomicBoolean(true);

		private volatile boolean sawReadinessRefused;

		private volatile boolean sawConnectionRefused;

		private Thread thread;

		ShutdownWatch(Actuator actuator, int port) {
			this.actuator = actuator;
			this.port = port;
		}

		void start() {
			this.thread = Thread.ofPlatform().start(() -> {
				while (this.running.get()) {
					try {
						Actuator.Response readiness = this.actuator.get("/actuator/health/readiness");
						if (readiness.status() == 503 && readiness.body().contains("OUT_OF_SERVICE")) {
							this.sawReadinessRefused = true;
						}
					}
					catch (RuntimeException ex) {
						// the management server has stopped
					}
					try (Socket probe = new Socket()) {
						probe.connect(new InetSocketAddress("127.0.0.1", this.port), 1000);
					}
					catch (ConnectException ex) {
						this.sawConnectionRefused = true;
					}
					catch (IOException ex) {
						// timed out: not a refusal
					}
				}
			});
		}

		void stop() throws InterruptedException {
			this.running.set(false);
			this.thread.join(Duration.ofSeconds(5));
		}

	}

}
