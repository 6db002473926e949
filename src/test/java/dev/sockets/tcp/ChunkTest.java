package dev.sockets.tcp;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.netty.util.IllegalReferenceCountException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.integration.ip.IpHeaders;
import org.springframework.integration.ip.tcp.connection.TcpConnection;
import org.springframework.integration.ip.tcp.connection.TcpSender;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.GenericMessage;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import dev.sockets.config.ListenerDefinition;
import dev.sockets.listener.ListenerId;
import dev.sockets.listener.Protocol;
import dev.sockets.listener.Service;
import dev.sockets.listener.TrafficRecorder;
import dev.sockets.support.LineClient;
import dev.sockets.support.ListenerSettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Raw input handed to a flow as {@link Chunk}s on a real listener: what a flow writes
 * back arrives as it was read, and every chunk's buffer is given back, whatever the flow
 * did with it.
 */
class ChunkTest {

	private final EventLoops eventLoops = new EventLoops(1);

	private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();

	private final Map<String, TcpConnection> connections = new ConcurrentHashMap<>();

	private final Queue<Chunk> received = new ConcurrentLinkedQueue<>();

	private NettyServerConnectionFactory listener;

	/** What the flow does with what it reads. */
	private volatile Flow flow = Flow.ECHO;

	@BeforeEach
	void listen() {
		ListenerDefinition.Tcp definition = new ListenerDefinition.Tcp(
				ListenerId.named("echo-raw", Service.ECHO, Protocol.TCP),
				new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
				ListenerSettings.tcp("framing=raw", "idle-timeout=0s"));
		this.listener = new NettyServerConnectionFactory(definition, Dialogue.BYTES, this.eventLoops,
				(id) -> new TrafficRecorder() {
				}, null);
		this.listener.setBeanFactory(new DefaultListableBeanFactory());
		// It announces that it listens, as Spring Integration's listeners do.
		this.listener.setApplicationEventPublisher((event) -> {
		});
		this.scheduler.initialize();
		this.listener.setTaskScheduler(this.scheduler);
		this.listener.registerListener(this::handle);
		this.listener.registerSender(new TcpSender() {

			@Override
			public void addNewConnection(TcpConnection connection) {
				ChunkTest.this.connections.put(connection.getConnectionId(), connection);
			}

		});
		this.listener.afterPropertiesSet();
		this.listener.start();
		this.listener.startServing();
	}

	@AfterEach
	void stop() {
		this.listener.stop();
		this.eventLoops.destroy();
		this.scheduler.destroy();
	}

	private boolean handle(Message<?> message) {
		Chunk chunk = (Chunk) message.getPayload();
		this.received.add(chunk);
		TcpConnection connection = this.connections.get((String) message.getHeaders().get(IpHeaders.CONNECTION_ID));
		Message<Chunk> reply = new GenericMessage<>(chunk);
		switch (this.flow) {
			case ECHO -> connection.send(reply);
			case ECHO_TWICE -> {
				connection.send(reply);
				connection.send(reply);
			}
			case FAIL -> throw new IllegalStateException("the flow failed");
			case SAY_NOTHING -> {
			}
			case CLOSE_THEN_ECHO -> {
				connection.close();
				connection.send(reply);
			}
		}
		return false;
	}

	@Test
	void whatIsWrittenBackIsTheBytesAsReadAndTheChunkIsGivenBack() {
		byte[] data = new byte[64 * 1024];
		for (int i = 0; i < data.length; i++) {
			data[i] = (byte) i;
		}
		try (LineClient client = LineClient.connect(this.listener.getPort())) {
			client.sendBytes(data);
			assertThat(client.readBytes(data.length)).isEqualTo(data);
		}
		assertEveryChunkGivenBack();
	}

	@Test
	void aChunkWrittenTwiceIsWrittenWholeTwice() {
		this.flow = Flow.ECHO_TWICE;
		try (LineClient client = LineClient.connect(this.listener.getPort())) {
			client.sendBytes(bytes("twice"));
			assertThat(client.readBytes(10)).asString(StandardCharsets.US_ASCII).isEqualTo("twicetwice");
		}
		assertEveryChunkGivenBack();
	}

	@Test
	void aChunkIsGivenBackWhenTheFlowFailsOrSaysNothingAndTheConnectionGoesOn() {
		try (LineClient client = LineClient.connect(this.listener.getPort())) {
			this.flow = Flow.FAIL;
			client.sendBytes(bytes("fails"));
			await().atMost(Duration.ofSeconds(10)).until(() -> this.received.size() == 1);
			this.flow = Flow.SAY_NOTHING;
			client.sendBytes(bytes("says nothing"));
			await().atMost(Duration.ofSeconds(10)).until(() -> this.received.size() == 2);
			this.flow = Flow.ECHO;
			client.sendBytes(bytes("echo"));
			assertThat(client.readBytes(4)).asString(StandardCharsets.US_ASCII).isEqualTo("echo");
		}
		assertEveryChunkGivenBack();
	}

	@Test
	void aChunkForAConnectionThatIsClosingIsNotWrittenAndGivenBack() {
		this.flow = Flow.CLOSE_THEN_ECHO;
		try (LineClient client = LineClient.connect(this.listener.getPort())) {
			client.sendBytes(bytes("close"));
			client.assertClosedByServer();
		}
		assertEveryChunkGivenBack();
	}

	private void assertEveryChunkGivenBack() {
		assertThat(this.received).isNotEmpty();
		// A buffer given back can no longer be read.
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.received).allSatisfy(
					(chunk) -> assertThatThrownBy(chunk::bytes).isInstanceOf(IllegalReferenceCountException.class)));
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

	private enum Flow {

		ECHO, ECHO_TWICE, FAIL, SAY_NOTHING, CLOSE_THEN_ECHO

	}

}
