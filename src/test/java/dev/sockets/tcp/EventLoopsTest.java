package dev.sockets.tcp;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.RecvByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.sockets.config.TcpKeepaliveProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

class EventLoopsTest {

	private final EventLoops eventLoops = new EventLoops(1);

	@AfterEach
	void stop() {
		this.eventLoops.destroy();
	}

	@Test
	void acceptedConnectionsCarryTheKeepaliveTimingsInTheKernel() throws Exception {
		// Linux keeps the timings per socket; read back, they are what the kernel holds.
		assumeThat(Epoll.isAvailable()).as("epoll").isTrue();
		accept(new TcpKeepaliveProperties(true, Duration.ofSeconds(45), Duration.ofSeconds(7), 3), (accepted) -> {
			assertThat(accepted.config().getOption(ChannelOption.SO_KEEPALIVE)).isTrue();
			assertThat(accepted.config().getOption(EpollChannelOption.TCP_KEEPIDLE)).isEqualTo(45);
			assertThat(accepted.config().getOption(EpollChannelOption.TCP_KEEPINTVL)).isEqualTo(7);
			assertThat(accepted.config().getOption(EpollChannelOption.TCP_KEEPCNT)).isEqualTo(3);
		});
	}

	@Test
	void keepaliveTurnedOffLeavesConnectionsUnprobed() throws Exception {
		accept(new TcpKeepaliveProperties(false, Duration.ofSeconds(45), Duration.ofSeconds(7), 3),
				(accepted) -> assertThat(accepted.config().getOption(ChannelOption.SO_KEEPALIVE)).isFalse());
	}

	@Test
	void aReadOfLinesTakesAtMostHalfOfWhatTheAllocatorPoolsHowEverFullTheReadsBefore() {
		// Their replies may be larger than the read: CRLF for LF.
		assertThat(largestRead(Dialogue.LINES)).isEqualTo(EventLoops.MAX_READ).isLessThanOrEqualTo(16_896 / 2);
		assertThat(largestRead(Dialogue.IRC)).isEqualTo(EventLoops.MAX_READ);
	}

	@Test
	void aReadOfBytesTakesAtMostWhatTheAllocatorPoolsHowEverFullTheReadsBefore() {
		assertThat(largestRead(Dialogue.BYTES)).isEqualTo(EventLoops.MAX_BYTES_READ).isLessThanOrEqualTo(16_896);
	}

	/**
	 * @return how much a read takes after a hundred reads that each filled their buffer
	 */
	private int largestRead(Dialogue dialogue) {
		RecvByteBufAllocator.Handle handle = this.eventLoops.readBuffers(dialogue).newHandle();
		EmbeddedChannel channel = new EmbeddedChannel();
		try {
			for (int read = 0; read < 100; read++) {
				handle.reset(channel.config());
				handle.lastBytesRead(handle.guess());
				handle.readComplete();
			}
			return handle.guess();
		}
		finally {
			channel.finishAndReleaseAll();
		}
	}

	/**
	 * Accepts a connection and checks it while the client still holds it open: once the
	 * client has closed, the accepted socket may be closed too before it is read.
	 */
	private void accept(TcpKeepaliveProperties keepalive, Consumer<Channel> check) throws Exception {
		CompletableFuture<Channel> accepted = new CompletableFuture<>();
		ServerBootstrap bootstrap = new ServerBootstrap().group(this.eventLoops.acceptor(), this.eventLoops.workers())
			.channel(this.eventLoops.serverChannelType())
			.childHandler(new ChannelInitializer<>() {

				@Override
				protected void initChannel(Channel channel) {
					channel.pipeline().addLast(new ChannelInboundHandlerAdapter());
					accepted.complete(channel);
				}

			});
		this.eventLoops.keepalive(bootstrap, keepalive);
		Channel server = bootstrap.bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
		try (Socket client = new Socket()) {
			client.connect(server.localAddress());
			check.accept(accepted.get(10, TimeUnit.SECONDS));
		}
		finally {
			server.close().sync();
		}
	}

}
