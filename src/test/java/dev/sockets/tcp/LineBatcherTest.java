package dev.sockets.tcp;

import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LineBatcherTest {

	@Test
	void theLinesOfOneReadTravelTogether() {
		EmbeddedChannel channel = new EmbeddedChannel(new LineBatcher());
		channel.pipeline().fireChannelRead("one").fireChannelRead("two");
		assertThat((Object) channel.readInbound()).as("nothing before the read completes").isNull();
		channel.pipeline().fireChannelReadComplete();
		assertThat((Object) channel.readInbound()).isEqualTo(Lines.of("one", "two"));
		channel.pipeline().fireChannelRead("three").fireChannelReadComplete();
		assertThat((Object) channel.readInbound()).isEqualTo(Lines.of("three"));
	}

	@Test
	void aReadWithoutACompleteLinePassesNothingOn() {
		EmbeddedChannel channel = new EmbeddedChannel(new LineBatcher());
		channel.pipeline().fireChannelReadComplete();
		assertThat((Object) channel.readInbound()).isNull();
	}

	@Test
	void otherMessagesKeepTheirPlaceAfterTheLinesBeforeThem() {
		EmbeddedChannel channel = new EmbeddedChannel(new LineBatcher());
		channel.pipeline().fireChannelRead("ok").fireChannelRead(new LineTooLong(5)).fireChannelReadComplete();
		assertThat((Object) channel.readInbound()).isEqualTo(Lines.of("ok"));
		assertThat((Object) channel.readInbound()).isEqualTo(new LineTooLong(5));
		assertThat((Object) channel.readInbound()).isNull();
	}

	@Test
	void linesCompleteBeforeTheClientClosedAreStillPassedOn() {
		EmbeddedChannel channel = new EmbeddedChannel(new LineBatcher());
		channel.pipeline().fireChannelRead("last words").fireChannelInactive();
		assertThat((Object) channel.readInbound()).isEqualTo(Lines.of("last words"));
	}

}
