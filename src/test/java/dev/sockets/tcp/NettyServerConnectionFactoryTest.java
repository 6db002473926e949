package dev.sockets.tcp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoop;
import io.netty.channel.epoll.Epoll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.integration.ip.tcp.connection.TcpConnection;
import org.springframework.integration.ip.tcp.connection.TcpSender;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import dev.sockets.config.ListenerDefinition;
import dev.sockets.listener.ConnectionInfo;
import dev.sockets.listener.DeliveryDrop;
import dev.sockets.listener.ListenerBindException;
import dev.sockets.listener.ListenerId;
import dev.sockets.listener.Protocol;
import dev.sockets.listener.Service;
import dev.sockets.listener.TrafficRecorder;
import dev.sockets.support.LineClient;
import dev.sockets.support.ListenerSettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

class NettyServerConnectionFactoryTest {

	private final EventLoops eventLoops = new EventLoops(2);

	private final AtomicInteger departed = new AtomicInteger();

	private final AtomicInteger sent = new AtomicInteger();

	private final List<LineClient> clients = new ArrayList<>();

	private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();

	private NettyServerConnectionFactory listener;

	private volatile Runnable whenSent = () -> {
	};

	@BeforeEach
	void listen() {
		ListenerDefinition.Tcp definition = new ListenerDefinition.Tcp(
				ListenerId.named("chat-tcp", Service.CHAT, Protocol.TCP),
				new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), ListenerSettings.tcp("idle-timeout=0s"));
		TrafficRecorder recorder = new TrafficRecorder() {

			@Override
			public void sent(int messages) {
				NettyServerConnectionFactoryTest.this.sent.addAndGet(messages);
				NettyServerConnectionFactoryTest.this.whenSent.run();
			}

			@Override
			public void dropped(DeliveryDrop reason) {
				if (reason == DeliveryDrop.DEPARTED) {
					NettyServerConnectionFactoryTest.this.departed.incrementAndGet();
				}
			}

		};
		this.listener = new NettyServerConnectionFactory(definition, Dialogue.LINES, this.eventLoops, (id) -> recorder,
				null);
		this.listener.setBeanFactory(new DefaultListableBeanFactory());
		// It announces that it listens, as Spring Integration's listeners do.
		this.listener.setApplicationEventPublisher((event) -> {
		});
		this.scheduler.initialize();
		this.listener.setTaskScheduler(this.scheduler);
		this.listener.afterPropertiesSet();
		this.listener.start();
		this.listener.startServing();
	}

	@AfterEach
	void stop() {
		this.clients.forEach(LineClient::close);
		this.listener.stop();
		this.eventLoops.destroy();
		this.scheduler.destroy();
	}

	@Test
	void aLinePushedToManyConnectionsReachesEachOnceInOrder() {
		List<String> ids = connect(20);
		List<Push> pushes = new ArrayList<>();
		for (String line : List.of("* first", "<ann> ünïcode", "* last")) {
			ids.forEach((id) -> pushes.add(new Push(id, line, false)));
		}
		this.listener.push(pushes);
		for (LineClient client : this.clients) {
			assertThat(client.readLine()).isEqualTo("* first");
			assertThat(client.readLine()).isEqualTo("<ann> ünïcode");
			assertThat(client.readLine()).isEqualTo("* last");
		}
		assertThat(this.sent).hasValue(60);
		assertThat(this.departed).hasValue(0);
	}

	@Test
	void aFanOutFromAnIoThreadHasTheOtherIoThreadWriteItsShareMeanwhile() throws Exception {
		List<NettyTcpConnection> opened = opened();
		List<String> ids = connect(32);
		assertThat(opened.stream().map(NettyTcpConnection::eventLoop).distinct()).hasSize(2);
		EventLoop pushing = opened.get(0).eventLoop();
		CountDownLatch otherWrote = new CountDownLatch(1);
		AtomicBoolean waited = new AtomicBoolean();
		AtomicBoolean meanwhile = new AtomicBoolean();
		// The pushing thread's first write waits for one of the other thread's: it only
		// comes if the other thread was handed its share before this one wrote its own.
		this.whenSent = () -> {
			if (!pushing.inEventLoop()) {
				otherWrote.countDown();
			}
			else if (waited.compareAndSet(false, true)) {
				try {
					meanwhile.set(otherWrote.await(5, TimeUnit.SECONDS));
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
		};
		pushing.submit(() -> this.listener.push(ids.stream().map((id) -> new Push(id, "* to all", false)).toList()))
			.get(30, TimeUnit.SECONDS);
		assertThat(meanwhile).isTrue();
		for (LineClient client : this.clients) {
			assertThat(client.readLine()).isEqualTo("* to all");
		}
	}

	@Test
	void aPushedLineEntersThePipelineAtItsEncoderAndPassesNoStageAfterIt() throws Exception {
		List<NettyTcpConnection> opened = opened();
		List<String> ids = connect(4);
		AtomicInteger seenAtTail = new AtomicInteger();
		for (NettyTcpConnection connection : opened) {
			Channel channel = connection.channel();
			channel.eventLoop().submit(() -> channel.pipeline().addLast(new ChannelOutboundHandlerAdapter() {

				@Override
				public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
					seenAtTail.incrementAndGet();
					ctx.write(msg, promise);
				}

			})).get(10, TimeUnit.SECONDS);
		}
		this.listener.push(ids.stream().map((id) -> new Push(id, "* to all", false)).toList());
		for (LineClient client : this.clients) {
			assertThat(client.readLine()).isEqualTo("* to all");
		}
		assertThat(seenAtTail).as("writes that walked the whole pipeline").hasValue(0);
		assertThat(this.sent).hasValue(4);
	}

	@Test
	void aLineForAConnectionThatHasGoneIsDroppedAndCountedAndTheOthersStillGetTheirs() {
		List<String> ids = connect(2);
		this.clients.get(0).close();
		await().atMost(Duration.ofSeconds(10)).until(() -> this.listener.openConnections() == 1);
		this.listener.push(List.of(new Push(ids.get(0), "* hello", false), new Push(ids.get(1), "* hello", false),
				new Push("chat-tcp-999999", "* hello", false)));
		assertThat(this.clients.get(1).readLine()).isEqualTo("* hello");
		assertThat(this.departed).hasValue(2);
	}

	@Test
	void aLastLineClosesItsConnectionOnceWrittenAndWhatComesAfterItIsNotWritten() {
		List<String> ids = connect(2);
		this.listener.push(List.of(new Push(ids.get(0), "* bye", true), new Push(ids.get(1), "* bye", false),
				new Push(ids.get(0), "* too late", false)));
		LineClient closed = this.clients.get(0);
		assertThat(closed.readLine()).isEqualTo("* bye");
		closed.assertClosedByServer();
		assertThat(this.clients.get(1).readLine()).isEqualTo("* bye");
		await().atMost(Duration.ofSeconds(10)).until(() -> this.listener.openConnections() == 1);
		assertThat(this.departed).hasValue(1);
	}

	@Test
	void aConnectionClosedByTheServerIsHalfClosedAndTakesWhatTheClientStillSends() {
		List<String> ids = connect(1);
		this.listener.push(List.of(new Push(ids.get(0), "* bye", true)));
		LineClient client = this.clients.get(0);
		assertThat(client.readLine()).isEqualTo("* bye");
		client.assertClosedByServer();
		// A socket closed outright would answer what comes now with a reset, and the
		// client's next writes would fail.
		byte[] late = "still typing\n".getBytes(StandardCharsets.US_ASCII);
		await().during(Duration.ofMillis(300))
			.atMost(Duration.ofSeconds(5))
			.until(() -> client.sendBytes(late) == client);
		client.close();
		await().atMost(Duration.ofSeconds(10)).until(() -> this.listener.openConnections() == 0);
	}

	@Test
	void everyIoThreadAcceptsItsOwnConnectionsOnOnePortWithoutDelayingSmallWrites() throws Exception {
		List<NettyTcpConnection> opened = opened();
		connect(32);
		assertThat(opened).hasSize(32);
		assertThat(opened.stream().map(NettyTcpConnection::eventLoop).distinct()).hasSize(2);
		for (NettyTcpConnection connection : opened) {
			assertThat(connection.channel().config().getOption(ChannelOption.TCP_NODELAY)).isTrue();
		}
		if (Epoll.isAvailable()) {
			// One listening socket per I/O thread, the kernel spreading the connections.
			assertThat(listeningSockets(this.listener.getPort())).isEqualTo(2);
		}
	}

	@Test
	void stoppedAndStartedAgainItListensOnTheSamePortOnEveryThread() throws Exception {
		int port = this.listener.getPort();
		this.listener.stopServing();
		assertThat(this.listener.isServing()).isFalse();
		assertThat(listeningSockets(port)).isZero();
		this.listener.startServing();
		assertThat(this.listener.isServing()).isTrue();
		assertThat(this.listener.getPort()).isEqualTo(port);
		if (Epoll.isAvailable()) {
			assertThat(listeningSockets(port)).isEqualTo(2);
		}
		connect(1);
	}

	@Test
	void aSecondListenerOnTheSamePortFailsAsTakenInsteadOfSharingTheClients() {
		NettyServerConnectionFactory second = new NettyServerConnectionFactory(
				new ListenerDefinition.Tcp(ListenerId.named("chat-again", Service.CHAT, Protocol.TCP),
						new InetSocketAddress(InetAddress.getLoopbackAddress(), this.listener.getPort()),
						ListenerSettings.tcp("idle-timeout=0s")),
				Dialogue.LINES, this.eventLoops, (id) -> TrafficRecorder.NONE, null);
		second.setBeanFactory(new DefaultListableBeanFactory());
		assertThatExceptionOfType(ListenerBindException.class).isThrownBy(second::afterPropertiesSet)
			.withMessageContaining("chat-again");
	}

	/**
	 * @return how many sockets listen on a port, as the kernel counts them (IPv4 and
	 * IPv6: Netty's native sockets are IPv6 ones, taking IPv4 too)
	 */
	private static long listeningSockets(int port) throws IOException {
		String local = String.format(":%04X", port);
		long listening = 0;
		for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
			try (Stream<String> lines = Files.lines(Path.of(table))) {
				// Columns: slot, local address, remote address, state (0A is LISTEN).
				listening += lines.map((line) -> line.trim().split("\\s+"))
					.filter((columns) -> columns[1].endsWith(local) && columns[3].equals("0A"))
					.count();
			}
		}
		return listening;
	}

	/**
	 * @return the connections the listener opens from now on
	 */
	private List<NettyTcpConnection> opened() {
		List<NettyTcpConnection> opened = new CopyOnWriteArrayList<>();
		this.listener.registerSender(new TcpSender() {

			@Override
			public void addNewConnection(TcpConnection connection) {
				opened.add((NettyTcpConnection) connection);
			}

		});
		return opened;
	}

	/**
	 * @return the ids of newly connected clients, in the order of {@link #clients}
	 */
	private List<String> connect(int count) {
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			LineClient client = LineClient.connect(this.listener.getPort());
			this.clients.add(client);
			await().atMost(Duration.ofSeconds(10)).until(() -> idOf(client) != null);
			ids.add(idOf(client));
		}
		return ids;
	}

	private String idOf(LineClient client) {
		return this.listener.connections()
			.stream()
			.filter((connection) -> connection.remoteAddress().getPort() == client.localPort())
			.map(ConnectionInfo::id)
			.findFirst()
			.orElse(null);
	}

}
