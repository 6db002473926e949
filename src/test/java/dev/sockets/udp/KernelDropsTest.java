package dev.sockets.udp;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.context.TestPropertySource;

import dev.sockets.listener.Listeners;
import dev.sockets.support.Actuator;
import dev.sockets.support.DatagramClient;
import dev.sockets.support.Scrape;
import dev.sockets.support.SocketsTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The kernel's drop count of a UDP socket, read from {@code /proc/net/udp} and
 * {@code /proc/net/udp6}.
 */
class KernelDropsTest {

	private static final Path PROC = Path.of("/proc");

	/**
	 * Sends datagrams to a port from several sockets at once, as fast as they go.
	 * @return how many were sent
	 */
	private static int burst(int port, int senders, int each, int size) {
		List<CompletableFuture<Void>> sending = new ArrayList<>();
		for (int i = 0; i < senders; i++) {
			sending.add(CompletableFuture.runAsync(() -> {
				try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
					DatagramPacket packet = new DatagramPacket(new byte[size], size,
							new InetSocketAddress("127.0.0.1", port));
					for (int n = 0; n < each; n++) {
						socket.send(packet);
					}
				}
				catch (IOException ex) {
					throw new IllegalStateException(ex);
				}
			}));
		}
		CompletableFuture.allOf(sending.toArray(CompletableFuture[]::new)).join();
		return senders * each;
	}

	@Test
	void whereTheSystemDoesNotTellTheCountIsZero(@TempDir Path notProc) {
		assertThat(new KernelDrops(notProc, new InetSocketAddress("127.0.0.1", 7)).read()).isZero();
	}

	@Nested
	@EnabledOnOs(OS.LINUX)
	class Sockets {

		@Test
		void aSocketNobodyReadsCountsWhatItsFullBufferDropped() throws SocketException {
			try (DatagramSocket socket = new DatagramSocket(null)) {
				socket.setReceiveBufferSize(4096);
				socket.bind(new InetSocketAddress("127.0.0.1", 0));
				KernelDrops drops = new KernelDrops(PROC,
						new InetSocketAddress(socket.getLocalAddress(), socket.getLocalPort()));
				assertThat(drops.read()).isZero();
				int sent = burst(socket.getLocalPort(), 1, 200, 512);
				// Nothing is read, so what the buffer holds is what was not dropped.
				int held = 0;
				socket.setSoTimeout(200);
				try {
					while (true) {
						socket.receive(new DatagramPacket(new byte[1024], 1024));
						held++;
					}
				}
				catch (IOException ex) {
					// the buffer is empty
				}
				assertThat(drops.read()).isPositive().isEqualTo(sent - held);
			}
		}

		@Test
		void theDropsOfSeveralSocketsSharingAPortAddUp() throws IOException {
			try (DatagramChannel first = reusingPort(0);
					DatagramChannel second = reusingPort(((InetSocketAddress) first.getLocalAddress()).getPort())) {
				int port = ((InetSocketAddress) first.getLocalAddress()).getPort();
				KernelDrops drops = new KernelDrops(PROC, new InetSocketAddress("127.0.0.1", port));
				// From many source ports, which the kernel spreads over both sockets.
				int sent = burst(port, 16, 100, 512);
				int held = drain(first) + drain(second);
				assertThat(drops.read()).isEqualTo(sent - held);
				assertThat(held).isPositive();
			}
		}

		private static DatagramChannel reusingPort(int port) throws IOException {
			DatagramChannel channel = DatagramChannel.open(StandardProtocolFamily.INET);
			channel.setOption(StandardSocketOptions.SO_REUSEPORT, true);
			channel.setOption(StandardSocketOptions.SO_RCVBUF, 4096);
			channel.bind(new InetSocketAddress("127.0.0.1", port));
			channel.configureBlocking(false);
			return channel;
		}

		/**
		 * @return the datagrams a socket nobody read holds
		 */
		private static int drain(DatagramChannel channel) throws IOException {
			int held = 0;
			while (channel.receive(ByteBuffer.allocate(1024)) != null) {
				held++;
			}
			return held;
		}

		@Test
		void aWildcardSocketIsFoundByItsPort() throws SocketException {
			try (DatagramSocket socket = new DatagramSocket(null)) {
				socket.setReceiveBufferSize(4096);
				socket.bind(new InetSocketAddress("0.0.0.0", 0));
				KernelDrops drops = new KernelDrops(PROC, new InetSocketAddress("0.0.0.0", socket.getLocalPort()));
				burst(socket.getLocalPort(), 1, 200, 512);
				assertThat(drops.read()).isPositive();
				// The same port on another address is another socket.
				assertThat(new KernelDrops(PROC, new InetSocketAddress("127.0.0.2", socket.getLocalPort())).read())
					.isZero();
			}
		}

	}

	@Nested
	@SocketsTest
	@EnabledOnOs(OS.LINUX)
	@TestPropertySource(
			properties = { "sockets.listeners.echo-small.service=echo", "sockets.listeners.echo-small.protocol=udp",
					"sockets.listeners.echo-small.port=0", "sockets.listeners.echo-small.rate-per-source=0",
					// As little as the kernel gives: a few datagrams.
					"sockets.listeners.echo-small.receive-buffer-size=1KB" })
	class OnAListener {

		private static final String[] SMALL = { "listener", "echo-small" };

		private static final String[] KERNEL = { "listener", "echo-small", "reason", "kernel" };

		@Autowired
		Listeners listeners;

		@LocalManagementPort
		int managementPort;

		@Test
		void aBurstOverflowingTheReceiveBufferShowsAsKernelDropsOfWhatWasNotReceived() {
			Actuator actuator = new Actuator(this.managementPort);
			Scrape before = actuator.scrape();
			int sent = burst(this.listeners.port("echo-small"), 4, 2000, 1000);
			// Every datagram was either read by the listener or dropped by the kernel.
			Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
				Scrape after = actuator.scrape();
				double received = after.value("sockets_datagrams_received_total", SMALL)
						- before.value("sockets_datagrams_received_total", SMALL);
				double dropped = after.value("sockets_datagrams_dropped_total", KERNEL)
						- before.value("sockets_datagrams_dropped_total", KERNEL);
				assertThat(received + dropped).isEqualTo(sent);
			});
			assertThat(actuator.scrape().value("sockets_datagrams_dropped_total", KERNEL))
				.isGreaterThan(before.value("sockets_datagrams_dropped_total", KERNEL));
		}

		@Test
		void theCountOutlivesThePausesThatCloseTheSocket() {
			Actuator actuator = new Actuator(this.managementPort);
			burst(this.listeners.port("echo-small"), 4, 500, 1000);
			double dropped = actuator.awaitValue("sockets_datagrams_dropped_total", (count) -> count > 0, KERNEL);
			this.listeners.pause("echo-small", "testing");
			this.listeners.resume("echo-small");
			assertThat(actuator.scrape().value("sockets_datagrams_dropped_total", KERNEL))
				.isGreaterThanOrEqualTo(dropped);
			// On a new socket, which serves.
			try (DatagramClient client = new DatagramClient(this.listeners.port("echo-small"))) {
				assertThat(client.send(new byte[] { 1 }).receive()).isPresent();
			}
		}

	}

}
