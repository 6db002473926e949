package dev.sockets.tcp;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.haproxy.HAProxyCommand;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.handler.codec.haproxy.HAProxyMessageDecoder;
import io.netty.handler.codec.haproxy.HAProxyProtocolException;
import io.netty.handler.codec.haproxy.HAProxyProxiedProtocol;
import io.netty.util.ReferenceCountUtil;

import dev.sockets.config.ProxyProtocolProperties;
import dev.sockets.limits.IpAddresses;
import dev.sockets.limits.Refusal;
import dev.sockets.listener.Rejection;

/**
 * The first stage of every connection: decides whether the listener serves it, before a
 * byte of service. With the PROXY protocol on, it first reads the header (before TLS,
 * before the time is written or a greeting sent) to learn who the client is; then it
 * checks the access rules and the limits against that client. An admitted connection goes
 * on to the rest of the pipeline, which only then sees it become active; this stage then
 * removes itself.
 */
final class AdmissionHandler extends ChannelInboundHandlerAdapter {

	/**
	 * Largest v2 header accepted, TLVs included; balancers send a few dozen bytes of
	 * them.
	 */
	static final int MAX_TLV_BYTES = 4096;

	private static final byte[] V1_SIGNATURE = "PROXY ".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] V2_SIGNATURE = { 0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54,
			0x0A };

	private static final String DECODER = "proxy-header";

	private enum State {

		/** Not yet active. */
		NEW,

		/**
		 * Waiting for the first bytes, to see whether they are a PROXY protocol header.
		 */
		DETECTING,

		/** A header has begun; Netty's decoder reads the rest. */
		DECODING,

		/** Decided: admitted, or refused. */
		DONE

	}

	private final Refusals refusals;

	private final Admission admission;

	/**
	 * How a refused client is told why: by a text listener without TLS, in the form of
	 * its dialogue; null for not at all.
	 */
	private final Dialogue explain;

	private State state = State.NEW;

	private ByteBuf pending;

	private ScheduledFuture<?> timeout;

	AdmissionHandler(Refusals refusals, Admission admission, boolean explain) {
		this(refusals, admission, explain ? Dialogue.LINES : null);
	}

	AdmissionHandler(Refusals refusals, Admission admission, Dialogue explain) {
		this.refusals = refusals;
		this.admission = admission;
		this.explain = explain;
	}

	@Override
	public void channelActive(ChannelHandlerContext ctx) {
		InetSocketAddress peer = (InetSocketAddress) ctx.channel().remoteAddress();
		ProxyProtocolProperties proxy = this.admission.proxy();
		boolean trusted = proxy.enabled() && this.admission.trusts(peer.getAddress());
		if (!proxy.enabled() || (!trusted && proxy.mode() == ProxyProtocolProperties.Mode.OPTIONAL)) {
			// No header is expected from this peer, nor believed: it is the client.
			decide(ctx, new Client(peer, null));
		}
		else if (!trusted) {
			refuse(ctx, Rejection.PROXY_HEADER, "not a trusted proxy, and a PROXY protocol header is required", null);
		}
		else {
			this.state = State.DETECTING;
			this.timeout = ctx.executor()
				.schedule(() -> headerLate(ctx), proxy.headerTimeout().toMillis(), TimeUnit.MILLISECONDS);
		}
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		switch (this.state) {
			case DETECTING -> detect(ctx, (ByteBuf) msg);
			case DECODING -> {
				if (msg instanceof HAProxyMessage header) {
					headerRead(ctx, header);
				}
				else {
					ReferenceCountUtil.release(msg);
				}
			}
			case NEW, DONE -> ReferenceCountUtil.release(msg);
		}
	}

	private void detect(ChannelHandlerContext ctx, ByteBuf bytes) {
		if (this.pending == null) {
			this.pending = bytes;
		}
		else {
			this.pending = ctx.alloc().compositeBuffer().addComponents(true, this.pending, bytes);
		}
		if (startsWith(this.pending, V1_SIGNATURE) || startsWith(this.pending, V2_SIGNATURE)) {
			// Netty's decoder reads the header from here; it removes itself once it has.
			this.state = State.DECODING;
			ctx.pipeline().addBefore(ctx.name(), DECODER, new HAProxyMessageDecoder(MAX_TLV_BYTES));
			ByteBuf header = this.pending;
			this.pending = null;
			ctx.pipeline().fireChannelRead(header);
		}
		else if (!couldStart(this.pending, V1_SIGNATURE) && !couldStart(this.pending, V2_SIGNATURE)) {
			if (this.admission.proxy().mode() == ProxyProtocolProperties.Mode.REQUIRED) {
				refuse(ctx, Rejection.PROXY_HEADER, "the connection did not start with a PROXY protocol header", null);
			}
			else {
				decide(ctx, new Client((InetSocketAddress) ctx.channel().remoteAddress(), null));
			}
		}
	}

	private void headerRead(ChannelHandlerContext ctx, HAProxyMessage header) {
		try {
			InetSocketAddress peer = (InetSocketAddress) ctx.channel().remoteAddress();
			if (header.command() == HAProxyCommand.LOCAL || !carriesAddress(header.proxiedProtocol())) {
				// A balancer's own health check, or a client of unknown address: the
				// proxy is the client.
				decide(ctx, new Client(peer, peer));
			}
			else {
				InetSocketAddress client = new InetSocketAddress(IpAddresses.parse(header.sourceAddress()),
						header.sourcePort());
				decide(ctx, new Client(client, peer));
			}
		}
		catch (IllegalArgumentException ex) {
			refuse(ctx, Rejection.PROXY_HEADER, "the PROXY protocol header names no valid client address", null);
		}
		finally {
			header.release();
		}
	}

	private static boolean carriesAddress(HAProxyProxiedProtocol protocol) {
		return protocol.addressFamily() == HAProxyProxiedProtocol.AddressFamily.AF_IPv4
				|| protocol.addressFamily() == HAProxyProxiedProtocol.AddressFamily.AF_IPv6;
	}

	private void headerLate(ChannelHandlerContext ctx) {
		if (this.state == State.DETECTING && this.admission.proxy().mode() == ProxyProtocolProperties.Mode.OPTIONAL) {
			decide(ctx, new Client((InetSocketAddress) ctx.channel().remoteAddress(), null));
		}
		else if (this.state == State.DETECTING || this.state == State.DECODING) {
			refuse(ctx, Rejection.PROXY_HEADER,
					"no PROXY protocol header within " + this.admission.proxy().headerTimeout().toMillis() + " ms",
					null);
		}
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		if (this.state == State.DECODING && cause instanceof HAProxyProtocolException) {
			refuse(ctx, Rejection.PROXY_HEADER, "malformed PROXY protocol header: " + cause.getMessage(), null);
		}
		else if (this.state != State.DONE) {
			// Nothing is served yet, and nothing will be: a reset before admission just
			// ends it.
			finish();
			ctx.close();
		}
		else {
			ctx.fireExceptionCaught(cause);
		}
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) {
		finish();
		ctx.fireChannelInactive();
	}

	private void decide(ChannelHandlerContext ctx, Client client) {
		Refusal refusal = this.admission.admit(client.address().getAddress());
		if (refusal != null) {
			refuse(ctx, refusal.reason(), (refusal.message() != null) ? refusal.message() : "denied", refusal.message(),
					client);
			return;
		}
		ByteBuf early = this.pending;
		this.pending = null;
		finish();
		client.attachTo(ctx.channel());
		// Not a lambda on this handler: it would keep the handler, gone from the
		// pipeline,
		// for the connection's life.
		Admission admitted = this.admission;
		InetAddress address = client.address().getAddress();
		ctx.channel().closeFuture().addListener((closed) -> admitted.released(address));
		ctx.fireChannelActive();
		if (early != null) {
			ctx.fireChannelRead(early);
		}
		ctx.pipeline().remove(this);
	}

	private void refuse(ChannelHandlerContext ctx, Rejection reason, String why, String tellClient) {
		refuse(ctx, reason, why, tellClient, new Client((InetSocketAddress) ctx.channel().remoteAddress(), null));
	}

	private void refuse(ChannelHandlerContext ctx, Rejection reason, String why, String tellClient, Client client) {
		finish();
		this.refusals.refused(reason, client, why);
		if (this.explain != null && tellClient != null) {
			ByteBuf line = Unpooled.copiedBuffer(this.explain.errorLine(tellClient) + "\r\n", StandardCharsets.UTF_8);
			ctx.writeAndFlush(line).addListener(ChannelFutureListener.CLOSE);
		}
		else {
			ctx.close();
		}
	}

	private void finish() {
		this.state = State.DONE;
		if (this.timeout != null) {
			this.timeout.cancel(false);
			this.timeout = null;
		}
		if (this.pending != null) {
			this.pending.release();
			this.pending = null;
		}
	}

	private static boolean startsWith(ByteBuf bytes, byte[] signature) {
		return bytes.readableBytes() >= signature.length && matches(bytes, signature, signature.length);
	}

	/**
	 * @return whether the bytes so far are the start of the signature, so more are needed
	 * to tell
	 */
	private static boolean couldStart(ByteBuf bytes, byte[] signature) {
		return bytes.readableBytes() < signature.length && matches(bytes, signature, bytes.readableBytes());
	}

	private static boolean matches(ByteBuf bytes, byte[] signature, int length) {
		int start = bytes.readerIndex();
		for (int i = 0; i < length; i++) {
			if (bytes.getByte(start + i) != signature[i]) {
				return false;
			}
		}
		return true;
	}

}
