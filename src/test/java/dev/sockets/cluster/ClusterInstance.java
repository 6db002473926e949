package dev.sockets.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;

import dev.sockets.support.Actuator;
import dev.sockets.support.ChatUser;
import dev.sockets.support.RedisServer;
import dev.sockets.support.ServiceProcess;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One instance of a chat cluster: the built jar as a process of its own, with its own
 * ports, on a shared Redis. Heartbeats are quick so that tests do not wait long for links
 * and expiries.
 */
record ClusterInstance(String name, ServiceProcess process, int chatPort, Actuator actuator) implements AutoCloseable {

	static final Duration HEARTBEAT = Duration.ofMillis(250);

	static final Duration PRESENCE_TTL = Duration.ofMillis(1500);

	/**
	 * Starts an instance; {@link #awaitLinked()} waits for it to be ready.
	 */
	static ServiceProcess launch(String name, RedisServer redis, String... more) {
		try {
			Path directory = Files.createTempDirectory("sockets-" + name);
			// The instance's working directory, which it leaves empty.
			directory.toFile().deleteOnExit();
			List<String> args = new ArrayList<>(
					List.of("--sockets.chat.cluster=redis", "--spring.data.redis.host=127.0.0.1",
							"--spring.data.redis.port=" + redis.port(), "--sockets.chat.redis.instance-id=" + name,
							"--sockets.chat.redis.heartbeat=" + HEARTBEAT.toMillis() + "ms",
							"--sockets.chat.redis.presence-ttl=" + PRESENCE_TTL.toMillis() + "ms",
							"--logging.level.dev.sockets.connections=WARN"));
			args.addAll(List.of(more));
			return ServiceProcess.start(directory,
					Map.of("SOCKETS_BIND_ADDRESS", "127.0.0.1", "MANAGEMENT_SERVER_PORT", "0", "SOCKETS_CHAT_TCP_PORT",
							"0", "SOCKETS_CHAT_IRC_PORT", "0", "SOCKETS_TIME_TCP_ENABLED", "false",
							"SOCKETS_TIME_UDP_ENABLED", "false", "SOCKETS_ECHO_TCP_ENABLED", "false",
							"SOCKETS_ECHO_UDP_ENABLED", "false"),
					List.of("-Xmx256m", "-XX:TieredStopAtLevel=1"), args.toArray(String[]::new));
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Launches an instance and waits for it to serve with its cluster link up.
	 */
	static ClusterInstance start(String name, RedisServer redis, String... more) {
		return ready(name, launch(name, redis, more));
	}

	/**
	 * Launches instances of the given names together, each with the same arguments, and
	 * waits until every one serves and knows all the others.
	 */
	static List<ClusterInstance> startAll(RedisServer redis, List<String> names, String... more) {
		List<ServiceProcess> launched = new ArrayList<>();
		for (String name : names) {
			launched.add(launch(name, redis, more));
		}
		List<ClusterInstance> instances = new ArrayList<>();
		for (int i = 0; i < names.size(); i++) {
			instances.add(ready(names.get(i), launched.get(i)));
		}
		awaitPeers(instances);
		return instances;
	}

	/**
	 * Waits until each instance knows every other one through Redis.
	 */
	static void awaitPeers(List<ClusterInstance> instances) {
		for (ClusterInstance instance : instances) {
			Awaitility.await("instances known to " + instance.name())
				.atMost(Duration.ofSeconds(30))
				.until(() -> instance.health("/chatCluster").contains("\"otherInstances\":" + (instances.size() - 1)));
		}
	}

	/**
	 * Waits for a launched instance to serve and its cluster link to be up.
	 */
	static ClusterInstance ready(String name, ServiceProcess process) {
		ClusterInstance instance = new ClusterInstance(name, process, process.awaitPort("chat-tcp"),
				new Actuator(process.awaitManagementPort()));
		instance.awaitLink("UP");
		return instance;
	}

	ChatUser join() {
		return ChatUser.join(this.chatPort);
	}

	/**
	 * @return the port of the instance's IRC listener
	 */
	int ircPort() {
		return this.process.awaitPort("chat-irc");
	}

	/**
	 * Waits until {@code /actuator/health/chatCluster} says UP or DOWN.
	 */
	void awaitLink(String status) {
		Awaitility.await(this.name + " cluster link " + status)
			.atMost(Duration.ofSeconds(60))
			.until(() -> this.actuator.get("/actuator/health/chatCluster")
				.body()
				.contains("\"status\":\"" + status + "\""));
	}

	/**
	 * Waits until no user is on this instance or seen from it: the notices of users
	 * leaving travel through Redis, and would otherwise reach the next test's users.
	 */
	void awaitNobody() {
		Awaitility.await("no users left on or seen from " + this.name)
			.atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> {
				assertThat(metric("sockets_chat_users", "dialect", "line")).isZero();
				assertThat(metric("sockets_chat_users", "dialect", "irc")).isZero();
				assertThat(metric("sockets_chat_cluster_users")).isZero();
			});
	}

	/**
	 * Closes instances and the Redis under them, each whatever became of the others; a
	 * failure to close any of them fails the caller once all have been tried.
	 */
	static void closeAll(AutoCloseable... closeables) {
		IllegalStateException failure = null;
		for (AutoCloseable closeable : closeables) {
			try {
				if (closeable != null) {
					closeable.close();
				}
			}
			catch (Exception ex) {
				if (failure == null) {
					failure = new IllegalStateException("Could not stop the cluster cleanly");
				}
				failure.addSuppressed(ex);
			}
		}
		if (failure != null) {
			throw failure;
		}
	}

	String health(String path) {
		return this.actuator.get("/actuator/health" + path).body();
	}

	double metric(String name, String... labels) {
		return this.actuator.scrape().value(name, labels);
	}

	@Override
	public void close() {
		this.process.close();
	}

	static void assertNothingMoreFor(ChatUser user) {
		// /who answers in order: anything pending for the user would come before it.
		assertThat(user.who()).startsWith("* In #");
	}

}
