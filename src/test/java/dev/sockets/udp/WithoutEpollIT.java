package dev.sockets.udp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.sockets.support.Actuator;
import dev.sockets.support.DatagramClient;
import dev.sockets.support.LineClient;
import dev.sockets.support.ServiceProcess;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service where Netty's native transport cannot load, as on a system other than
 * Linux: TCP on Java's NIO, UDP on Spring Integration's unicast adapter, serving and
 * guarding as on epoll.
 */
class WithoutEpollIT {

	private static final String[] ECHO_UDP = { "listener", "echo-udp" };

	@Test
	void udpIsServedAndGuardedByTheUnicastAdapter(@TempDir Path directory) throws IOException {
		try (ServiceProcess service = ServiceProcess.start(directory, Map.of(),
				List.of("-Dio.netty.transport.noNative=true"), "--sockets.bind-address=127.0.0.1",
				"--sockets.time.tcp.port=0", "--sockets.time.udp.port=0", "--sockets.echo.tcp.port=0",
				"--sockets.echo.udp.port=0", "--sockets.chat.tcp.port=0", "--management.server.port=0",
				"--sockets.echo.udp.rate-per-source=5")) {
			Actuator actuator = new Actuator(service.awaitManagementPort());
			try (DatagramClient client = new DatagramClient(service.awaitPort("echo-udp"))) {
				client.send(new byte[3000]);
				client.send("hello".getBytes(StandardCharsets.US_ASCII));
				assertThat(client.receive())
					.hasValueSatisfying((reply) -> assertThat(reply).asString().isEqualTo("hello"));
				for (int i = 0; i < 50; i++) {
					client.send(new byte[] { 1 });
				}
				actuator.awaitValue("sockets_datagrams_dropped_total", (dropped) -> dropped >= 1, "listener",
						"echo-udp", "reason", "oversize");
				actuator.awaitValue("sockets_datagrams_dropped_total", (dropped) -> dropped >= 50 - 10, "listener",
						"echo-udp", "reason", "rate_limited");
				assertThat(actuator.scrape().value("sockets_datagrams_received_total", ECHO_UDP)).isEqualTo(52);
			}
			try (LineClient client = LineClient.connect(service.awaitPort("echo-tcp"))) {
				assertThat(client.send("over nio").readLine()).isEqualTo("over nio");
			}
			assertThat(UdpSockets.of(String.valueOf(service.pid()), service.awaitPort("echo-udp"))).hasSize(1);
		}
	}

}
