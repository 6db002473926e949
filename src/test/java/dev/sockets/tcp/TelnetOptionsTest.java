package dev.sockets.tcp;

import org.junit.jupiter.api.Test;

import static dev.sockets.tcp.Telnet.BINARY;
import static dev.sockets.tcp.Telnet.DO;
import static dev.sockets.tcp.Telnet.DONT;
import static dev.sockets.tcp.Telnet.WILL;
import static dev.sockets.tcp.Telnet.WONT;
import static dev.sockets.tcp.TelnetOptions.NONE;
import static org.assertj.core.api.Assertions.assertThat;

class TelnetOptionsTest {

	private static final int ECHO = 1;

	private final TelnetOptions options = new TelnetOptions();

	@Test
	void theServersRequestIsAnsweredOnceAndNotAcknowledged() {
		assertThat(this.options.askClient(BINARY)).isEqualTo(DO);
		assertThat(this.options.clientUses(BINARY)).isFalse();
		assertThat(this.options.answer(WILL, BINARY)).isEqualTo(NONE);
		assertThat(this.options.clientUses(BINARY)).isTrue();
		assertThat(this.options.answer(WILL, BINARY)).as("already so").isEqualTo(NONE);
	}

	@Test
	void aRefusalOfTheServersRequestEndsIt() {
		this.options.askClient(BINARY);
		assertThat(this.options.answer(WONT, BINARY)).isEqualTo(NONE);
		assertThat(this.options.clientUses(BINARY)).isFalse();
		assertThat(this.options.answer(WONT, BINARY)).isEqualTo(NONE);
	}

	@Test
	void binaryIsAcceptedWhenTheClientAsksAndReleasedWhenItStops() {
		assertThat(this.options.answer(DO, BINARY)).isEqualTo(WILL);
		assertThat(this.options.answer(DO, BINARY)).isEqualTo(NONE);
		assertThat(this.options.answer(DONT, BINARY)).isEqualTo(WONT);
		assertThat(this.options.answer(DONT, BINARY)).isEqualTo(NONE);
		assertThat(this.options.answer(WILL, BINARY)).isEqualTo(DO);
		assertThat(this.options.clientUses(BINARY)).isTrue();
		assertThat(this.options.answer(WONT, BINARY)).isEqualTo(DONT);
		assertThat(this.options.clientUses(BINARY)).isFalse();
	}

	@Test
	void anyOtherOptionIsRefusedOnceEachWayAndStaysRefused() {
		assertThat(this.options.answer(DO, ECHO)).isEqualTo(WONT);
		assertThat(this.options.answer(WILL, ECHO)).isEqualTo(DONT);
		assertThat(this.options.answer(DO, ECHO)).isEqualTo(NONE);
		assertThat(this.options.answer(WILL, ECHO)).isEqualTo(NONE);
		assertThat(this.options.answer(DONT, ECHO)).isEqualTo(NONE);
		assertThat(this.options.answer(WONT, ECHO)).isEqualTo(NONE);
		assertThat(this.options.clientUses(ECHO)).isFalse();
	}

	@Test
	void turningOffWhatIsOffIsNotAnswered() {
		for (int option = 0; option < 256; option++) {
			assertThat(this.options.answer(DONT, option)).isEqualTo(NONE);
			assertThat(this.options.answer(WONT, option)).isEqualTo(NONE);
		}
	}

}
