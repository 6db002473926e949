package dev.sockets.tcp;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

import dev.sockets.config.TelnetMode;
import dev.sockets.listener.TelnetCommand;
import dev.sockets.listener.TrafficRecorder;

/**
 * Bytes to bytes: takes every telnet command (RFC 854) out of a line listener's input, so
 * the line around a command is served as if it were not there, and answers those that
 * need it.
 * <ul>
 * <li>{@code DO TIMING-MARK} gets {@code WILL TIMING-MARK}: a telnet client sends it with
 * Ctrl-C and shows nothing until it is answered.</li>
 * <li>BINARY (RFC 856) is asked for from the client, and accepted both ways, so the
 * client sends 8-bit text (UTF-8) as it is typed instead of turning bytes that look like
 * control keys into commands. The server does not offer BINARY for its own output: a
 * BSD-derived client (inetutils, macOS) then turns its terminal's output processing off,
 * and its own echo of Enter no longer returns the cursor, so every answer would start
 * where the typed line ended. Its output passes 8-bit text untouched without it.</li>
 * <li>Every other option is refused, once (see {@link TelnetOptions}).</li>
 * <li>Subnegotiations are skipped without being held; one longer than a line may be ends
 * the connection as a too-long line does.</li>
 * <li>{@code AYT} gets one line, at most one per read; {@code IP}, {@code BRK},
 * {@code AO}, {@code EC}, {@code EL}, {@code NOP}, {@code GA}, {@code DM} are dropped;
 * {@code IAC IAC} is the data byte 255.</li>
 * <li>Every line end a telnet client sends ends a line, whatever the framing: CR LF, CR
 * NUL (Enter in character mode; RFC 854's "bare" CR) and, from a client sending BINARY,
 * which sends its Enter key's byte alone, CR or LF, are all passed on as CR LF.</li>
 * </ul>
 * In {@link TelnetMode#AUTO} the handler says nothing and passes input on as it comes
 * until the client sends its first command: an {@code IAC} followed by a command byte
 * (240 to 254). A byte 255 followed by anything else is data, as it is to a client that
 * is no telnet client. From there on it behaves as in {@link TelnetMode#ON}, which
 * negotiates at connect. Output needs no escaping: the server writes UTF-8, which never
 * holds byte 255.
 */
final class TelnetHandler extends ChannelInboundHandlerAdapter {

	private static final byte[] STILL_HERE = "* yes, still here\r\n".getBytes(StandardCharsets.US_ASCII);

	private final TelnetMode mode;

	private final TrafficRecorder recorder;

	private final int maxSubnegotiation;

	/**
	 * Whether the client is taken for a telnet client; in AUTO, not before its first
	 * command.
	 */
	private boolean speaking;

	private TelnetOptions options;

	private State state = State.DATA;

	/** {@code WILL}, {@code WONT}, {@code DO} or {@code DONT}, waiting for its option. */
	private int verb;

	/** Whether the last data byte was a CR, which may have been read long before. */
	private boolean afterCr;

	/** Whether that CR was passed on as a whole line end, CR LF. */
	private boolean endedAtCr;

	/** Bytes of the current subnegotiation skipped so far. */
	private int skipped;

	/** What the server answers to one read, written once the read is taken apart. */
	private ByteBuf answers;

	private boolean answeredAyt;

	private boolean wrote;

	/**
	 * @param mode {@link TelnetMode#AUTO} or {@link TelnetMode#ON}
	 * @param recorder where commands are counted
	 * @param maxSubnegotiation longest subnegotiation skipped before the connection is
	 * ended as for a too-long line; the listener's longest line
	 */
	TelnetHandler(TelnetMode mode, TrafficRecorder recorder, int maxSubnegotiation) {
		this.mode = mode;
		this.recorder = recorder;
		this.maxSubnegotiation = maxSubnegotiation;
	}

	@Override
	public void channelActive(ChannelHandlerContext ctx) {
		if (this.mode == TelnetMode.ON) {
			// Before the rest of the pipeline hears of the connection: the negotiation
			// goes out before any greeting.
			startSpeaking();
			writeAnswers(ctx);
			ctx.flush();
		}
		ctx.fireChannelActive();
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		if (!(msg instanceof ByteBuf in)) {
			ctx.fireChannelRead(msg);
			return;
		}
		if (this.state == State.OVERFLOWED) {
			in.release();
			return;
		}
		if (!this.speaking && this.state == State.DATA
				&& in.indexOf(in.readerIndex(), in.writerIndex(), (byte) Telnet.IAC) < 0) {
			// Not telnet, as far as can be told: on as it came.
			if (in.isReadable()) {
				this.afterCr = in.getByte(in.writerIndex() - 1) == '\r';
			}
			ctx.fireChannelRead(in);
			return;
		}
		ByteBuf data = ctx.alloc().buffer(in.readableBytes() + 16);
		try {
			takeApart(in, data);
		}
		finally {
			in.release();
		}
		if (data.isReadable()) {
			ctx.fireChannelRead(data);
		}
		else {
			data.release();
		}
		if (this.state == State.OVERFLOWED) {
			ctx.fireChannelRead(new LineTooLong(this.maxSubnegotiation));
		}
		writeAnswers(ctx);
	}

	@Override
	public void channelReadComplete(ChannelHandlerContext ctx) {
		this.answeredAyt = false;
		ctx.fireChannelReadComplete();
		if (this.wrote) {
			this.wrote = false;
			ctx.flush();
		}
	}

	@Override
	public void handlerRemoved(ChannelHandlerContext ctx) {
		if (this.answers != null) {
			this.answers.release();
			this.answers = null;
		}
	}

	private void startSpeaking() {
		this.speaking = true;
		this.options = new TelnetOptions();
		answer(this.options.askClient(Telnet.BINARY), Telnet.BINARY);
	}

	/**
	 * Data bytes to {@code data}, commands taken out and answered.
	 */
	private void takeApart(ByteBuf in, ByteBuf data) {
		for (int i = in.readerIndex(); i < in.writerIndex(); i++) {
			int b = in.getByte(i) & 0xFF;
			switch (this.state) {
				case DATA -> {
					if (b == Telnet.IAC) {
						this.state = State.COMMAND;
					}
					else {
						data(b, data);
					}
				}
				case COMMAND -> command(b, data);
				case OPTION -> {
					this.state = State.DATA;
					negotiate(b);
				}
				case SUBNEGOTIATION -> {
					if (b == Telnet.IAC) {
						this.state = State.SUBNEGOTIATION_IAC;
					}
					else {
						skip();
					}
				}
				case SUBNEGOTIATION_IAC -> {
					if (b == Telnet.SE) {
						this.state = State.DATA;
					}
					else {
						// IAC IAC is a data byte of the subnegotiation; anything else a
						// peer's mistake, skipped with it.
						this.state = State.SUBNEGOTIATION;
						skip();
					}
				}
				case OVERFLOWED -> {
					return;
				}
			}
		}
	}

	private void command(int b, ByteBuf data) {
		this.state = State.DATA;
		if (!this.speaking) {
			if (b < Telnet.SE || b == Telnet.IAC) {
				// Byte 255 before anything that was telnet, and not followed by a
				// command: data, as is what follows it.
				data(Telnet.IAC, data);
				data(b, data);
				return;
			}
			startSpeaking();
		}
		switch (b) {
			case Telnet.IAC -> data(Telnet.IAC, data);
			case Telnet.WILL, Telnet.WONT, Telnet.DO, Telnet.DONT -> {
				this.verb = b;
				this.state = State.OPTION;
			}
			case Telnet.SB -> {
				this.recorder.telnetCommand(TelnetCommand.SUBNEGOTIATION);
				this.skipped = 0;
				this.state = State.SUBNEGOTIATION;
			}
			case Telnet.AYT -> {
				this.recorder.telnetCommand(TelnetCommand.ARE_YOU_THERE);
				if (!this.answeredAyt) {
					// One answer per read however many it holds: a flood of them costs
					// the server no more than a flood of lines.
					this.answeredAyt = true;
					answers().writeBytes(STILL_HERE);
				}
			}
			case Telnet.IP -> this.recorder.telnetCommand(TelnetCommand.INTERRUPT_PROCESS);
			case Telnet.BRK -> this.recorder.telnetCommand(TelnetCommand.BREAK);
			case Telnet.AO -> this.recorder.telnetCommand(TelnetCommand.ABORT_OUTPUT);
			case Telnet.EC -> this.recorder.telnetCommand(TelnetCommand.ERASE_CHARACTER);
			case Telnet.EL -> this.recorder.telnetCommand(TelnetCommand.ERASE_LINE);
			case Telnet.NOP -> this.recorder.telnetCommand(TelnetCommand.NO_OPERATION);
			case Telnet.GA -> this.recorder.telnetCommand(TelnetCommand.GO_AHEAD);
			case Telnet.DM -> this.recorder.telnetCommand(TelnetCommand.DATA_MARK);
			// SE outside a subnegotiation, or a byte that is no command: both dropped.
			default -> this.recorder.telnetCommand(TelnetCommand.UNKNOWN);
		}
	}

	private void negotiate(int option) {
		this.recorder.telnetCommand(switch (this.verb) {
			case Telnet.WILL -> TelnetCommand.WILL;
			case Telnet.WONT -> TelnetCommand.WONT;
			case Telnet.DO -> TelnetCommand.DO;
			default -> TelnetCommand.DONT;
		});
		if (option == Telnet.TIMING_MARK && this.verb == Telnet.DO) {
			// RFC 860: a mark has no state, so every one is answered.
			answer(Telnet.WILL, Telnet.TIMING_MARK);
		}
		else {
			answer(this.options.answer(this.verb, option), option);
		}
	}

	private void data(int b, ByteBuf data) {
		if (this.speaking && this.afterCr && (b == '\n' || b == 0)) {
			// The second byte of CR LF or CR NUL: the line end the CR began.
			this.afterCr = false;
			if (!this.endedAtCr) {
				data.writeByte('\n');
			}
			return;
		}
		this.afterCr = b == '\r';
		this.endedAtCr = false;
		if (this.speaking && (b == '\r' || b == '\n') && this.options.clientUses(Telnet.BINARY)) {
			// A client sending BINARY ends a line with its Enter key's byte alone: CR in
			// character mode, LF in line mode.
			data.writeByte('\r').writeByte('\n');
			this.endedAtCr = this.afterCr;
			return;
		}
		data.writeByte(b);
	}

	private void skip() {
		if (++this.skipped > this.maxSubnegotiation) {
			this.state = State.OVERFLOWED;
		}
	}

	private void answer(int verb, int option) {
		if (verb != TelnetOptions.NONE) {
			answers().writeByte(Telnet.IAC).writeByte(verb).writeByte(option);
		}
	}

	private ByteBuf answers() {
		if (this.answers == null) {
			this.answers = Unpooled.buffer(16);
		}
		return this.answers;
	}

	private void writeAnswers(ChannelHandlerContext ctx) {
		if (this.answers != null && this.answers.isReadable()) {
			ByteBuf out = this.answers;
			this.answers = null;
			ctx.write(out, ctx.voidPromise());
			this.wrote = true;
			if (!ctx.channel().isWritable()) {
				// As for echo replies: a client that asks without reading stops being
				// read from until it reads.
				ctx.channel().config().setAutoRead(false);
			}
		}
	}

	private enum State {

		/** Data, or the start of a command. */
		DATA,

		/** After an IAC. */
		COMMAND,

		/** After {@code WILL}, {@code WONT}, {@code DO} or {@code DONT}. */
		OPTION,

		/** Inside {@code SB ... IAC SE}. */
		SUBNEGOTIATION,

		/** After an IAC inside a subnegotiation. */
		SUBNEGOTIATION_IAC,

		/** A subnegotiation ran past the limit: everything after it is discarded. */
		OVERFLOWED

	}

}
