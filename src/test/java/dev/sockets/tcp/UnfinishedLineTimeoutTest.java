package dev.sockets.tcp;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UnfinishedLineTimeoutTest {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final List<Object> events = new ArrayList<>();

	private final List<String> passed = new ArrayList<>();

	private EmbeddedChannel channel;

	@AfterEach
	void close() {
		this.channel.finishAndReleaseAll();
	}

	@Test
	void aLineLeftUnfinishedIsReportedWhenItsTimeIsUp() {
		channel(false);
		send("hel");
		later(9);
		assertThat(this.events).isEmpty();
		later(1);
		assertThat(this.events).containsExactly(new UnfinishedLine(TIMEOUT));
	}

	@Test
	void bytesThatDoNotFinishTheLineDoNotBuyTime() {
		channel(false);
		for (int second = 0; second < 10; second++) {
			send("x");
			later(1);
		}
		assertThat(this.events).containsExactly(new UnfinishedLine(TIMEOUT));
	}

	@Test
	void finishedLinesStopTheClockHoweverLongTheClientIsQuietAfterwards() {
		channel(false);
		send("hel");
		later(5);
		send("lo\r\n");
		later(60);
		assertThat(this.events).isEmpty();
		assertThat(this.passed).containsExactly("hel", "lo\r\n");
	}

	@Test
	void aNewLineBegunInTheSameReadStartsItsOwnClock() {
		channel(false);
		send("one");
		later(8);
		send("\ntw");
		later(9);
		assertThat(this.events).isEmpty();
		later(1);
		assertThat(this.events).containsExactly(new UnfinishedLine(TIMEOUT));
	}

	@Test
	void withCrlfFramingABareLineFeedDoesNotFinishALine() {
		channel(true);
		send("a\n");
		later(10);
		assertThat(this.events).containsExactly(new UnfinishedLine(TIMEOUT));
	}

	@Test
	void withCrlfFramingACarriageReturnInThePreviousReadCounts() {
		channel(true);
		send("a\r");
		send("\n");
		later(30);
		assertThat(this.events).isEmpty();
	}

	@Test
	void nothingIsReportedAfterTheConnectionCloses() {
		channel(false);
		send("half");
		this.channel.close();
		later(20);
		assertThat(this.events).isEmpty();
	}

	private void channel(boolean crlfOnly) {
		this.channel = new EmbeddedChannel(new UnfinishedLineTimeout(TIMEOUT, crlfOnly),
				new ChannelInboundHandlerAdapter() {

					@Override
					public void channelRead(ChannelHandlerContext ctx, Object msg) {
						UnfinishedLineTimeoutTest.this.passed.add(((ByteBuf) msg).toString(StandardCharsets.US_ASCII));
						ReferenceCountUtil.release(msg);
					}

					@Override
					public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
						UnfinishedLineTimeoutTest.this.events.add(evt);
					}

				});
		this.channel.freezeTime();
	}

	private void send(String text) {
		this.channel.writeInbound(Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII));
	}

	private void later(int seconds) {
		this.channel.advanceTimeBy(seconds, TimeUnit.SECONDS);
		this.channel.runScheduledPendingTasks();
	}

}
