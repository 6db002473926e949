package dev.sockets.tcp;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import dev.sockets.config.TelnetMode;
import dev.sockets.listener.TelnetCommand;
import dev.sockets.listener.TrafficRecorder;

import static dev.sockets.tcp.Telnet.AO;
import static dev.sockets.tcp.Telnet.AYT;
import static dev.sockets.tcp.Telnet.BINARY;
import static dev.sockets.tcp.Telnet.BRK;
import static dev.sockets.tcp.Telnet.DM;
import static dev.sockets.tcp.Telnet.DO;
import static dev.sockets.tcp.Telnet.DONT;
import static dev.sockets.tcp.Telnet.EC;
import static dev.sockets.tcp.Telnet.EL;
import static dev.sockets.tcp.Telnet.GA;
import static dev.sockets.tcp.Telnet.IAC;
import static dev.sockets.tcp.Telnet.IP;
import static dev.sockets.tcp.Telnet.NOP;
import static dev.sockets.tcp.Telnet.SB;
import static dev.sockets.tcp.Telnet.SE;
import static dev.sockets.tcp.Telnet.TIMING_MARK;
import static dev.sockets.tcp.Telnet.WILL;
import static dev.sockets.tcp.Telnet.WONT;
import static org.assertj.core.api.Assertions.assertThat;

class TelnetHandlerTest {

	private static final int ECHO = 1;

	private static final int SUPPRESS_GO_AHEAD = 3;

	private static final int TERMINAL_TYPE = 24;

	private static final int WINDOW_SIZE = 31;

	private static final int LINEMODE = 34;

	private static final int MAX_LINE = 64;

	private final List<TelnetCommand> commands = new ArrayList<>();

	private final TrafficRecorder recorder = new TrafficRecorder() {

		@Override
		public void telnetCommand(TelnetCommand command) {
			TelnetHandlerTest.this.commands.add(command);
		}

	};

	/**
	 * A connection whose input goes through the stage alone: what it reads passes on as
	 * bytes.
	 */
	private EmbeddedChannel connect(TelnetMode mode) {
		return new EmbeddedChannel(new TelnetHandler(mode, this.recorder, MAX_LINE));
	}

	/**
	 * A connection whose input goes through the stage, then into lines, as in a line
	 * listener's pipeline.
	 */
	private EmbeddedChannel connectLines(TelnetMode mode, boolean crlfOnly) {
		return new EmbeddedChannel(new TelnetHandler(mode, this.recorder, MAX_LINE),
				new LineFrameDecoder(MAX_LINE, crlfOnly));
	}

	/**
	 * @param parts text (each character one byte) and single bytes
	 */
	private static ByteBuf bytes(Object... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (Object part : parts) {
			if (part instanceof String text) {
				out.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
			}
			else {
				out.write((Integer) part);
			}
		}
		return Unpooled.wrappedBuffer(out.toByteArray());
	}

	private static ByteBuf bytes(byte[] raw) {
		return Unpooled.wrappedBuffer(raw);
	}

	private static String text(Object... parts) {
		ByteBuf bytes = bytes(parts);
		return bytes.toString(StandardCharsets.ISO_8859_1);
	}

	/**
	 * @return what the stage passed on, each byte one character
	 */
	private static String passedOn(EmbeddedChannel channel) {
		StringBuilder in = new StringBuilder();
		for (Object msg; (msg = channel.readInbound()) != null;) {
			ByteBuf bytes = (ByteBuf) msg;
			in.append(bytes.toString(StandardCharsets.ISO_8859_1));
			bytes.release();
		}
		return in.toString();
	}

	private static List<String> lines(EmbeddedChannel channel) {
		List<String> lines = new ArrayList<>();
		for (Object msg; (msg = channel.readInbound()) != null;) {
			ByteBuf line = (ByteBuf) msg;
			lines.add(line.toString(StandardCharsets.UTF_8));
			line.release();
		}
		return lines;
	}

	/**
	 * @return what the server wrote, each byte one character
	 */
	private static String written(EmbeddedChannel channel) {
		StringBuilder out = new StringBuilder();
		for (ByteBuf bytes; (bytes = channel.readOutbound()) != null;) {
			out.append(bytes.toString(StandardCharsets.ISO_8859_1));
			bytes.release();
		}
		return out.toString();
	}

	@Test
	void autoSaysNothingAndPassesInputAsItCameUntilTheFirstIac() {
		EmbeddedChannel channel = connect(TelnetMode.AUTO);
		channel.writeInbound(bytes("hello\r\n", "nc\n", 0, "x\r", 0, "\n"));
		assertThat(written(channel)).isEmpty();
		assertThat(passedOn(channel)).isEqualTo(text("hello\r\n", "nc\n", 0, "x\r", 0, "\n"));
		channel.writeInbound(bytes("abc", IAC, NOP, "def\r\n"));
		assertThat(written(channel)).as("the negotiation, once telnet is heard").isEqualTo(text(IAC, DO, BINARY));
		assertThat(passedOn(channel)).isEqualTo("abcdef\r\n");
		assertThat(this.commands).containsExactly(TelnetCommand.NO_OPERATION);
	}

	@Test
	void autoTakesByte255ThatStartsNoCommandForData() {
		EmbeddedChannel channel = connect(TelnetMode.AUTO);
		// Latin-1 "ÿes", a doubled 255, and a 255 at the end of a read, then a letter.
		channel.writeInbound(bytes(0xFF, "es ", IAC, IAC, " ", IAC));
		channel.writeInbound(bytes("x\n"));
		assertThat(passedOn(channel)).isEqualTo(text(0xFF, "es ", 0xFF, 0xFF, " ", 0xFF, "x\n"));
		assertThat(written(channel)).isEmpty();
		assertThat(this.commands).isEmpty();
		channel.writeInbound(bytes(IAC));
		channel.writeInbound(bytes(IP, "y\n"));
		assertThat(written(channel)).as("a command, split across reads").isEqualTo(text(IAC, DO, BINARY));
		assertThat(passedOn(channel)).isEqualTo("y\n");
		assertThat(this.commands).containsExactly(TelnetCommand.INTERRUPT_PROCESS);
	}

	@Test
	void onNegotiatesAtConnectBeforeTheServiceSaysAnything() {
		EmbeddedChannel channel = new EmbeddedChannel(new TelnetHandler(TelnetMode.ON, this.recorder, MAX_LINE),
				new ChannelInboundHandlerAdapter() {

					@Override
					public void channelActive(ChannelHandlerContext ctx) {
						ctx.writeAndFlush(bytes("* Welcome\r\n"));
					}

				});
		assertThat(written(channel)).isEqualTo(text(IAC, DO, BINARY, "* Welcome\r\n"));
		channel.writeInbound(bytes("a", IAC, NOP, "\r\n"));
		assertThat(passedOn(channel)).as("telnet from the start").isEqualTo("a\r\n");
	}

	@Test
	void interruptAndTimingMarkAreAnsweredSoTheClientShowsOutputAgain() {
		EmbeddedChannel channel = connect(TelnetMode.AUTO);
		// What a telnet client sends for Ctrl-C.
		channel.writeInbound(bytes(IAC, IP, IAC, DO, TIMING_MARK));
		assertThat(written(channel)).isEqualTo(text(IAC, DO, BINARY, IAC, WILL, TIMING_MARK));
		assertThat(passedOn(channel)).isEmpty();
		channel.writeInbound(bytes(IAC, IP, IAC, DO, TIMING_MARK));
		assertThat(written(channel)).as("every mark").isEqualTo(text(IAC, WILL, TIMING_MARK));
		channel.writeInbound(bytes(IAC, DONT, TIMING_MARK));
		assertThat(written(channel)).isEmpty();
		assertThat(this.commands).containsExactly(TelnetCommand.INTERRUPT_PROCESS, TelnetCommand.DO,
				TelnetCommand.INTERRUPT_PROCESS, TelnetCommand.DO, TelnetCommand.DONT);
	}

	@Test
	void binaryIsAskedForAndAcceptedBothWaysAndEachChangeAnsweredOnce() {
		EmbeddedChannel channel = connect(TelnetMode.ON);
		assertThat(written(channel)).isEqualTo(text(IAC, DO, BINARY));
		channel.writeInbound(bytes(IAC, WILL, BINARY));
		assertThat(written(channel)).as("the answer to the server's request").isEmpty();
		channel.writeInbound(bytes(IAC, DO, BINARY));
		assertThat(written(channel)).isEqualTo(text(IAC, WILL, BINARY));
		channel.writeInbound(bytes(IAC, DO, BINARY, IAC, WILL, BINARY));
		assertThat(written(channel)).as("already so").isEmpty();
		channel.writeInbound(bytes(IAC, WONT, BINARY, IAC, DONT, BINARY));
		assertThat(written(channel)).isEqualTo(text(IAC, DONT, BINARY, IAC, WONT, BINARY));
		channel.writeInbound(bytes(IAC, WILL, BINARY));
		assertThat(written(channel)).as("asked again after it was turned off").isEqualTo(text(IAC, DO, BINARY));
		byte[] utf8 = "日本語".getBytes(StandardCharsets.UTF_8);
		channel.writeInbound(bytes(utf8));
		assertThat(passedOn(channel)).as("8-bit data, untouched")
			.isEqualTo(new String(utf8, StandardCharsets.ISO_8859_1));
	}

	@Test
	void everyOtherOptionIsRefusedOnceAndAskingAgainGetsNoAnswer() {
		EmbeddedChannel channel = connect(TelnetMode.ON);
		written(channel);
		channel.writeInbound(bytes(IAC, DO, ECHO, IAC, WILL, WINDOW_SIZE, IAC, DO, SUPPRESS_GO_AHEAD, IAC, WILL,
				TERMINAL_TYPE, IAC, WILL, TIMING_MARK));
		assertThat(written(channel)).isEqualTo(text(IAC, WONT, ECHO, IAC, DONT, WINDOW_SIZE, IAC, WONT,
				SUPPRESS_GO_AHEAD, IAC, DONT, TERMINAL_TYPE, IAC, DONT, TIMING_MARK));
		channel.writeInbound(bytes(IAC, DO, ECHO, IAC, WILL, WINDOW_SIZE, IAC, DONT, ECHO, IAC, WONT, WINDOW_SIZE));
		assertThat(written(channel)).isEmpty();
		assertThat(passedOn(channel)).isEmpty();
	}

	@Test
	void aClientThatAnswersEverythingItHearsEndsTheNegotiationWithinARound() {
		EmbeddedChannel channel = connect(TelnetMode.ON);
		// A client that asks for options of its own, then agrees to whatever it is
		// asked and acknowledges whatever it is told, refusals included.
		String heard = written(channel);
		channel.writeInbound(bytes(IAC, DO, ECHO, IAC, WILL, LINEMODE, IAC, DO, BINARY, IAC, WILL, WINDOW_SIZE));
		heard += written(channel);
		int rounds = 0;
		while (!heard.isEmpty()) {
			assertThat(++rounds).as("rounds of negotiation").isLessThanOrEqualTo(2);
			channel.writeInbound(answerEverything(heard));
			heard = written(channel);
		}
		channel.writeInbound(bytes("still usable\r\n"));
		assertThat(passedOn(channel)).isEqualTo("still usable\r\n");
	}

	@Test
	void aClientThatMirrorsEverythingItHearsEndsTheNegotiationWithinARound() {
		EmbeddedChannel channel = connect(TelnetMode.ON);
		channel.writeInbound(bytes(IAC, DO, ECHO));
		String heard = written(channel);
		assertThat(heard).isEqualTo(text(IAC, DO, BINARY, IAC, WONT, ECHO));
		int rounds = 0;
		while (!heard.isEmpty()) {
			assertThat(++rounds).as("rounds of negotiation").isLessThanOrEqualTo(2);
			channel.writeInbound(bytes(heard));
			heard = written(channel);
		}
	}

	/**
	 * @return what a naive client says to each negotiation it hears: yes to every
	 * request, and the acknowledgement of every refusal
	 */
	private static ByteBuf answerEverything(String heard) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (int i = 0; i + 2 < heard.length(); i += 3) {
			assertThat((int) heard.charAt(i)).isEqualTo(IAC);
			int verb = heard.charAt(i + 1);
			out.write(IAC);
			out.write(switch (verb) {
				case WILL -> DO;
				case WONT -> DONT;
				case DO -> WILL;
				default -> WONT;
			});
			out.write(heard.charAt(i + 2));
		}
		return Unpooled.wrappedBuffer(out.toByteArray());
	}

	@Test
	void aClientThatAsksWithoutReadingStopsBeingReadFrom() {
		EmbeddedChannel channel = connect(TelnetMode.ON);
		channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(32, 64));
		Object[] marks = new Object[3 * 100];
		for (int i = 0; i < marks.length; i += 3) {
			marks[i] = IAC;
			marks[i + 1] = DO;
			marks[i + 2] = TIMING_MARK;
		}
		channel.writeInbound(bytes(marks));
		assertThat(channel.config().isAutoRead()).isFalse();
		assertThat(written(channel)).hasSize(3 + 3 * 100);
	}

	@Test
	void iacIacIsTheDataByte255() {
		EmbeddedChannel channel = connect(TelnetMode.ON);
		channel.writeInbound(bytes("a", IAC, IAC, "b\r\n"));
		assertThat(passedOn(channel)).isEqualTo(text("a", 0xFF, "b\r\n"));
		assertThat(this.commands).isEmpty();
	}

	@Test
	void aSubnegotiationIsSkippedAndTheLineAroundItServed() {
		EmbeddedChannel channel = connect(TelnetMode.AUTO);
		channel.writeInbound(bytes("ab", IAC, SB, TERMINAL_TYPE, 0, "xterm", IAC, IAC, "!", IAC, SE, "c\r\n"));
		assertThat(passedOn(channel)).isEqualTo("abc\r\n");
		assertThat(this.commands).containsExactly(TelnetCommand.SUBNEGOTIATION);
	}

	@Test
	void aSubnegotiationThatNeverEndsIsCutAtTheLineLimitAndNothingAfterItIsRead() {
		EmbeddedChannel channel = connect(TelnetMode.AUTO);
		channel.writeInbound(bytes("typed", IAC, SB, WINDOW_SIZE, "x".repeat(MAX_LINE - 1)));
		assertThat(passedOn(channel)).as("within the limit, nothing held but the state").isEqualTo("typed");
		channel.writeInbound(bytes("yz", IAC, SE, "after\n"));
		assertThat((Object) channel.readInbound()).isEqualTo(new LineTooLong(MAX_LINE));
		assertThat(passedOn(channel)).isEmpty();
		channel.writeInbound(bytes("more\n"));
		assertThat(passedOn(channel)).isEmpty();
	}

	@Test
	void commandsSplitAcrossReadsWork() {
		EmbeddedChannel channel = connectLines(TelnetMode.AUTO, false);
		channel.writeInbound(bytes("hel", IAC));
		channel.writeInbound(bytes(DO));
		channel.writeInbound(bytes(TIMING_MARK, "lo", IAC));
		channel.writeInbound(bytes(SB));
		channel.writeInbound(bytes(TERMINAL_TYPE, IAC));
		channel.writeInbound(bytes(SE, " wor", IAC));
		channel.writeInbound(bytes(IAC, "ld\n"));
		assertThat(lines(channel)).containsExactly("hello wor\uFFFDld");
		assertThat(written(channel)).isEqualTo(text(IAC, DO, BINARY, IAC, WILL, TIMING_MARK));
		assertThat(this.commands).containsExactly(TelnetCommand.DO, TelnetCommand.SUBNEGOTIATION);
	}

	@Test
	void areYouThereIsAnsweredWithALineOncePerRead() {
		EmbeddedChannel channel = connect(TelnetMode.ON);
		written(channel);
		channel.writeInbound(bytes("half", IAC, AYT, IAC, AYT, IAC, AYT, " line\r\n"));
		assertThat(written(channel)).isEqualTo("* yes, still here\r\n");
		assertThat(passedOn(channel)).isEqualTo("half line\r\n");
		channel.writeInbound(bytes(IAC, AYT));
		assertThat(written(channel)).isEqualTo("* yes, still here\r\n");
		assertThat(this.commands).containsOnly(TelnetCommand.ARE_YOU_THERE).hasSize(4);
	}

	@Test
	void everyOtherCommandIsCountedByItsKindAndReachesNoService() {
		EmbeddedChannel channel = connect(TelnetMode.AUTO);
		channel.writeInbound(bytes("a", IAC, IP, "b", IAC, BRK, "c", IAC, AO, IAC, EC, IAC, EL, IAC, NOP, IAC, GA, IAC,
				DM, IAC, SE, IAC, (int) 'x', "d\r\n"));
		assertThat(passedOn(channel)).isEqualTo("abcd\r\n");
		assertThat(written(channel)).isEqualTo(text(IAC, DO, BINARY));
		assertThat(this.commands).containsExactly(TelnetCommand.INTERRUPT_PROCESS, TelnetCommand.BREAK,
				TelnetCommand.ABORT_OUTPUT, TelnetCommand.ERASE_CHARACTER, TelnetCommand.ERASE_LINE,
				TelnetCommand.NO_OPERATION, TelnetCommand.GO_AHEAD, TelnetCommand.DATA_MARK, TelnetCommand.UNKNOWN,
				TelnetCommand.UNKNOWN);
	}

	@Test
	void everyLineEndATelnetClientSendsEndsALineEvenWithCrlfFraming() {
		EmbeddedChannel channel = connectLines(TelnetMode.ON, true);
		// CR LF and CR NUL (Enter in character mode), the NUL in the next read.
		channel.writeInbound(bytes("one\r\ntwo\r", 0, "three\r"));
		channel.writeInbound(bytes(0, "four", IAC, NOP, "\r", IAC, NOP, "\n"));
		assertThat(lines(channel)).containsExactly("one", "two", "three", "four");
		// A client sending BINARY: LF alone (Enter in line mode), CR alone (in character
		// mode), and the same as CR LF and CR NUL, the LF in the next read.
		channel.writeInbound(bytes(IAC, WILL, BINARY, "five\nsix\rseven\r\neight\r", 0, "nine\r"));
		channel.writeInbound(bytes("\nten\n"));
		assertThat(lines(channel)).containsExactly("five", "six", "seven", "eight", "nine", "ten");
	}

	@Test
	void aLfOrCrAloneFromAClientNotSendingBinaryIsData() {
		EmbeddedChannel channel = connectLines(TelnetMode.ON, true);
		channel.writeInbound(bytes("one\ntwo\rthree\r\n"));
		assertThat(lines(channel)).containsExactly("one\ntwo\rthree");
	}

	@Test
	void aNulNotAfterACrAndACrNotBeforeALineEndAreData() {
		EmbeddedChannel channel = connect(TelnetMode.ON);
		channel.writeInbound(bytes("a", 0, "b\rc\r\n"));
		assertThat(passedOn(channel)).isEqualTo(text("a", 0, "b\rc\r\n"));
	}

}
