package dev.sockets.tcp;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.haproxy.HAProxyCommand;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.handler.codec.haproxy.HAProxyMessageEncoder;
import io.netty.handler.codec.haproxy.HAProxyProtocolVersion;
import io.netty.handler.codec.haproxy.HAProxyProxiedProtocol;
import io.netty.handler.codec.haproxy.HAProxyTLV;
import org.junit.jupiter.api.Test;

import dev.sockets.support.ListenerSettings;

import static org.assertj.core.api.Assertions.assertThat;

class AdmissionHandlerTest {

	private static final InetSocketAddress PROXY = new InetSocketAddress("10.0.0.1", 40000);

	private static final InetSocketAddress STRANGER = new InetSocketAddress("198.51.100.9", 40000);

	private static final String[] REQUIRED = { "proxy-protocol.mode=required",
			"proxy-protocol.trusted-proxies=10.0.0.0/8", "proxy-protocol.header-timeout=2s" };

	private static final String[] OPTIONAL = { "proxy-protocol.mode=optional",
			"proxy-protocol.trusted-proxies=10.0.0.0/8", "proxy-protocol.header-timeout=2s" };

	private final List<String> refusals = new ArrayList<>();

	private final Downstream downstream = new Downstream();

	private Admission admission;

	private EmbeddedChannel connect(InetSocketAddress peer, boolean explain, String... settings) throws Exception {
		this.admission = new Admission(ListenerSettings.tcp(settings));
		return connect(this.admission, peer, explain);
	}

	/**
	 * A connection from a peer, as the listener's pipeline sees it: admission, then the
	 * rest.
	 */
	private EmbeddedChannel connect(Admission admission, InetSocketAddress peer, boolean explain) throws Exception {
		EmbeddedChannel channel = new EmbeddedChannel(false, false) {
			@Override
			protected SocketAddress remoteAddress0() {
				return peer;
			}
		};
		channel.pipeline()
			.addLast(new AdmissionHandler((reason, client, why) -> this.refusals.add(reason + " " + client.address()),
					admission, explain), this.downstream);
		channel.register();
		channel.freezeTime();
		return channel;
	}

	private static ByteBuf header(HAProxyMessage message) {
		EmbeddedChannel encoder = new EmbeddedChannel(HAProxyMessageEncoder.INSTANCE);
		encoder.writeOutbound(message);
		ByteBuf bytes = encoder.readOutbound();
		encoder.finishAndReleaseAll();
		return bytes;
	}

	private static HAProxyMessage proxied(HAProxyProtocolVersion version, String client, int port) {
		HAProxyProxiedProtocol protocol = client.contains(":") ? HAProxyProxiedProtocol.TCP6
				: HAProxyProxiedProtocol.TCP4;
		String server = client.contains(":") ? "2001:db8::1" : "10.0.0.2";
		return new HAProxyMessage(version, HAProxyCommand.PROXY, protocol, client, server, port, 7070);
	}

	private static ByteBuf text(String text) {
		return Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII);
	}

	private static String written(EmbeddedChannel channel) {
		StringBuilder out = new StringBuilder();
		for (ByteBuf bytes; (bytes = channel.readOutbound()) != null;) {
			out.append(bytes.toString(StandardCharsets.UTF_8));
			bytes.release();
		}
		return out.toString();
	}

	@Test
	void withoutProxyProtocolThePeerIsTheClientAndIsAdmittedAtOnce() throws Exception {
		EmbeddedChannel channel = connect(STRANGER, true);
		assertThat(this.downstream.active).isTrue();
		assertThat(Client.of(channel).address()).isEqualTo(STRANGER);
		assertThat(Client.of(channel).proxy()).isNull();
		assertThat(channel.pipeline().get(AdmissionHandler.class)).as("removed once done").isNull();
		assertThat(this.admission.open()).isOne();
		channel.close();
		assertThat(this.admission.open()).isZero();
	}

	@Test
	void aDeniedClientIsClosedWithoutAByte() throws Exception {
		EmbeddedChannel channel = connect(STRANGER, true, "deny=198.51.100.0/24");
		assertThat(channel.isOpen()).isFalse();
		assertThat(written(channel)).isEmpty();
		assertThat(this.downstream.active).isFalse();
		assertThat(this.refusals).containsExactly("DENIED " + STRANGER);
	}

	@Test
	void aClientOverTheLimitIsToldWhyWhereTheListenerSpeaksText() throws Exception {
		Admission full = new Admission(ListenerSettings.tcp("max-connections=1"));
		assertThat(full.admit(STRANGER.getAddress())).isNull();
		EmbeddedChannel channel = connect(full, STRANGER, true);
		assertThat(written(channel)).isEqualTo("ERR too many connections (max 1)\r\n");
		assertThat(channel.isOpen()).isFalse();
		assertThat(this.refusals).containsExactly("LIMIT " + STRANGER);
		assertThat(full.open()).isOne();
	}

	@Test
	void aRefusalIsNotExplainedWhereTheListenerCannotSayIt() throws Exception {
		Admission full = new Admission(ListenerSettings.tcp("max-connections=1"));
		assertThat(full.admit(STRANGER.getAddress())).isNull();
		EmbeddedChannel channel = connect(full, STRANGER, false);
		assertThat(written(channel)).isEmpty();
		assertThat(channel.isOpen()).isFalse();
	}

	@Test
	void requiredFromAPeerThatIsNotATrustedProxyIsClosedWithoutReadingAByte() throws Exception {
		EmbeddedChannel channel = connect(STRANGER, true, REQUIRED);
		assertThat(channel.isOpen()).isFalse();
		assertThat(written(channel)).isEmpty();
		assertThat(this.refusals).containsExactly("PROXY_HEADER " + STRANGER);
	}

	@Test
	void aV1HeaderNamesTheClientAndNothingIsServedBeforeIt() throws Exception {
		EmbeddedChannel channel = connect(PROXY, true, REQUIRED);
		assertThat(this.downstream.active).as("active before the header").isFalse();
		channel.writeInbound(header(proxied(HAProxyProtocolVersion.V1, "192.0.2.7", 5555)));
		assertThat(this.downstream.active).isTrue();
		assertThat(Client.of(channel).address()).isEqualTo(new InetSocketAddress("192.0.2.7", 5555));
		assertThat(Client.of(channel).proxy()).isEqualTo(PROXY);
		assertThat(channel.pipeline().get(AdmissionHandler.class)).isNull();
		channel.writeInbound(text("hello\n"));
		assertThat(this.downstream.read()).isEqualTo("hello\n");
	}

	@Test
	void aV2HeaderWithTlvsAndTheClientsFirstBytesInOneReadKeepsTheBytes() throws Exception {
		EmbeddedChannel channel = connect(PROXY, true, REQUIRED);
		HAProxyMessage message = new HAProxyMessage(HAProxyProtocolVersion.V2, HAProxyCommand.PROXY,
				HAProxyProxiedProtocol.TCP6, "2001:db8::7", "2001:db8::1", 5555, 7070,
				List.of(new HAProxyTLV(HAProxyTLV.Type.PP2_TYPE_AUTHORITY, text("chat.example.net"))));
		ByteBuf bytes = Unpooled.wrappedBuffer(header(message), text("first line\n"));
		channel.writeInbound(bytes);
		assertThat(Client.of(channel).address()).isEqualTo(new InetSocketAddress("2001:db8::7", 5555));
		assertThat(this.downstream.read()).isEqualTo("first line\n");
	}

	@Test
	void aHeaderSplitAcrossReadsIsReadWhole() throws Exception {
		EmbeddedChannel channel = connect(PROXY, true, REQUIRED);
		ByteBuf header = header(proxied(HAProxyProtocolVersion.V2, "192.0.2.7", 5555));
		while (header.isReadable()) {
			assertThat(this.downstream.active).isFalse();
			channel.writeInbound(header.readRetainedSlice(1));
		}
		header.release();
		assertThat(this.downstream.active).isTrue();
		assertThat(Client.of(channel).address().getAddress().getHostAddress()).isEqualTo("192.0.2.7");
	}

	@Test
	void theHeadersClientIsWhomTheAccessRulesAndLimitsSee() throws Exception {
		EmbeddedChannel channel = connect(PROXY, true, concat(REQUIRED, "deny=192.0.2.0/24"));
		channel.writeInbound(header(proxied(HAProxyProtocolVersion.V1, "192.0.2.7", 5555)));
		assertThat(channel.isOpen()).isFalse();
		assertThat(this.refusals).containsExactly("DENIED /192.0.2.7:5555");
	}

	@Test
	void requiredWithoutAHeaderIsClosedWithoutAByteOfService() throws Exception {
		EmbeddedChannel channel = connect(PROXY, true, REQUIRED);
		channel.writeInbound(text("hello\n"));
		assertThat(channel.isOpen()).isFalse();
		assertThat(this.downstream.active).isFalse();
		assertThat(this.refusals).containsExactly("PROXY_HEADER " + PROXY);
	}

	@Test
	void aMalformedHeaderIsRefused() throws Exception {
		EmbeddedChannel channel = connect(PROXY, true, REQUIRED);
		channel.writeInbound(text("PROXY TCP4 not-an-address 10.0.0.2 5555 7070\r\n"));
		assertThat(channel.isOpen()).isFalse();
		assertThat(this.downstream.active).isFalse();
		assertThat(this.refusals).containsExactly("PROXY_HEADER " + PROXY);
	}

	@Test
	void aV2HeaderWithTooManyTlvBytesIsRefused() throws Exception {
		EmbeddedChannel channel = connect(PROXY, true, REQUIRED);
		ByteBuf big = Unpooled.buffer().writeZero(AdmissionHandler.MAX_TLV_BYTES + 400);
		HAProxyMessage message = new HAProxyMessage(HAProxyProtocolVersion.V2, HAProxyCommand.PROXY,
				HAProxyProxiedProtocol.TCP4, "192.0.2.7", "10.0.0.2", 5555, 7070,
				List.of(new HAProxyTLV((byte) 0x04, big)));
		channel.writeInbound(header(message));
		assertThat(channel.isOpen()).isFalse();
		assertThat(this.downstream.active).isFalse();
		assertThat(this.refusals).containsExactly("PROXY_HEADER " + PROXY);
	}

	@Test
	void aHeaderThatDoesNotComeInTimeIsRefused() throws Exception {
		EmbeddedChannel channel = connect(PROXY, true, REQUIRED);
		channel.writeInbound(text("PROXY TCP4 192.0.2.7"));
		channel.advanceTimeBy(2, TimeUnit.SECONDS);
		channel.runScheduledPendingTasks();
		assertThat(channel.isOpen()).isFalse();
		assertThat(this.downstream.active).isFalse();
		assertThat(this.refusals).containsExactly("PROXY_HEADER " + PROXY);
	}

	@Test
	void aLocalCommandIsServedAsTheProxysOwnConnection() throws Exception {
		EmbeddedChannel channel = connect(PROXY, true, REQUIRED);
		channel.writeInbound(header(new HAProxyMessage(HAProxyProtocolVersion.V2, HAProxyCommand.LOCAL,
				HAProxyProxiedProtocol.UNKNOWN, null, null, 0, 0)));
		assertThat(this.downstream.active).isTrue();
		assertThat(Client.of(channel).address()).isEqualTo(PROXY);
	}

	@Test
	void optionalFromATrustedProxyWithoutAHeaderServesThePeer() throws Exception {
		EmbeddedChannel channel = connect(PROXY, true, OPTIONAL);
		assertThat(this.downstream.active).isFalse();
		channel.writeInbound(text("hi\n"));
		assertThat(this.downstream.active).isTrue();
		assertThat(Client.of(channel).address()).isEqualTo(PROXY);
		assertThat(this.downstream.read()).isEqualTo("hi\n");
	}

	@Test
	void optionalFromATrustedProxyThatSaysNothingIsServedOnceTheHeaderTimeoutPasses() throws Exception {
		EmbeddedChannel channel = connect(PROXY, true, OPTIONAL);
		channel.advanceTimeBy(2, TimeUnit.SECONDS);
		channel.runScheduledPendingTasks();
		assertThat(this.downstream.active).isTrue();
		assertThat(Client.of(channel).address()).isEqualTo(PROXY);
	}

	@Test
	void optionalFromAnyoneElseIsServedAtOnceAndAHeaderFromThemIsNotBelieved() throws Exception {
		EmbeddedChannel channel = connect(STRANGER, true, OPTIONAL);
		assertThat(this.downstream.active).isTrue();
		channel.writeInbound(header(proxied(HAProxyProtocolVersion.V1, "192.0.2.7", 5555)));
		assertThat(Client.of(channel).address()).isEqualTo(STRANGER);
		assertThat(this.downstream.read()).startsWith("PROXY TCP4 192.0.2.7");
	}

	private static String[] concat(String[] settings, String... more) {
		List<String> all = new ArrayList<>(List.of(settings));
		all.addAll(List.of(more));
		return all.toArray(String[]::new);
	}

	/**
	 * The rest of the pipeline, as far as admission is concerned: it sees the connection
	 * become active, and reads.
	 */
	private static final class Downstream extends ChannelInboundHandlerAdapter {

		private boolean active;

		private final StringBuilder read = new StringBuilder();

		@Override
		public boolean isSharable() {
			return true;
		}

		@Override
		public void channelActive(ChannelHandlerContext ctx) {
			this.active = true;
		}

		@Override
		public void channelRead(ChannelHandlerContext ctx, Object msg) {
			ByteBuf bytes = (ByteBuf) msg;
			this.read.append(bytes.toString(StandardCharsets.US_ASCII));
			bytes.release();
		}

		String read() {
			return this.read.toString();
		}

	}

}
