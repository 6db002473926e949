package dev.sockets.bench;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.util.concurrent.GlobalEventExecutor;

/**
 * The yardstick: the same services written directly on Netty, with nothing else — no
 * framework, no configuration, no metrics, no limits. Run as its own process, like the
 * service. Prints {@code <listener> listening on <address>:<port>} per listener, as the
 * service does.
 */
public final class ReferenceServer {

	private static final byte[] CRLF = { '\r', '\n' };

	private ReferenceServer() {
	}

	public static void main(String[] args) throws InterruptedException {
		int threads = Runtime.getRuntime().availableProcessors();
		EventLoopGroup acceptor = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
		EventLoopGroup workers = new MultiThreadIoEventLoopGroup(threads, EpollIoHandler.newFactory());
		tcp("echo-tcp", acceptor, workers, new ChannelInitializer<>() {
			@Override
			protected void initChannel(Channel channel) {
				channel.pipeline().addLast(new LineBasedFrameDecoder(8192), new LineEcho());
			}
		});
		tcp("echo-raw", acceptor, workers, new ChannelInitializer<>() {
			@Override
			protected void initChannel(Channel channel) {
				channel.pipeline().addLast(new RawEcho());
			}
		});
		ChannelGroup room = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
		AtomicInteger users = new AtomicInteger();
		tcp("chat-tcp", acceptor, workers, new ChannelInitializer<>() {
			@Override
			protected void initChannel(Channel channel) {
				channel.pipeline()
					.addLast(new LineBasedFrameDecoder(8192), new Broadcast(room, "user" + users.incrementAndGet()));
			}
		});
		tcp("time-tcp", acceptor, workers, new ChannelInitializer<>() {
			@Override
			protected void initChannel(Channel channel) {
				channel.pipeline().addLast(new TellTime());
			}
		});
		Channel udp = new Bootstrap().group(workers)
			.channel(EpollDatagramChannel.class)
			.handler(new DatagramEcho())
			.bind(new InetSocketAddress("127.0.0.1", 0))
			.sync()
			.channel();
		System.out.println("echo-udp listening on 127.0.0.1:" + ((InetSocketAddress) udp.localAddress()).getPort());
		udp.closeFuture().sync();
	}

	private static void tcp(String name, EventLoopGroup acceptor, EventLoopGroup workers,
			ChannelInitializer<Channel> initializer) throws InterruptedException {
		Channel server = new ServerBootstrap().group(acceptor, workers)
			.channel(EpollServerSocketChannel.class)
			.option(ChannelOption.SO_BACKLOG, 4096)
			.childOption(ChannelOption.TCP_NODELAY, true)
			.childHandler(initializer)
			.bind(new InetSocketAddress("127.0.0.1", 0))
			.sync()
			.channel();
		System.out.println(name + " listening on 127.0.0.1:" + ((InetSocketAddress) server.localAddress()).getPort());
	}

	/** Each line back with CRLF; one flush per read. */
	private static final class LineEcho extends ChannelInboundHandlerAdapter {

		@Override
		public void channelRead(ChannelHandlerContext ctx, Object msg) {
			ByteBuf line = (ByteBuf) msg;
			ByteBuf reply = ctx.alloc().ioBuffer(line.readableBytes() + 2);
			reply.writeBytes(line).writeBytes(CRLF);
			line.release();
			ctx.write(reply, ctx.voidPromise());
		}

		@Override
		public void channelReadComplete(ChannelHandlerContext ctx) {
			ctx.flush();
		}

	}

	/** Bytes back as they came; one flush per read. */
	private static final class RawEcho extends ChannelInboundHandlerAdapter {

		@Override
		public void channelRead(ChannelHandlerContext ctx, Object msg) {
			ctx.write(msg, ctx.voidPromise());
		}

		@Override
		public void channelReadComplete(ChannelHandlerContext ctx) {
			ctx.flush();
		}

	}

	/** Each line to every other member as {@code <user> line}. */
	private static final class Broadcast extends ChannelInboundHandlerAdapter {

		private final ChannelGroup room;

		private final byte[] prefix;

		Broadcast(ChannelGroup room, String nickname) {
			this.room = room;
			this.prefix = ("<" + nickname + "> ").getBytes(StandardCharsets.US_ASCII);
		}

		@Override
		public void channelActive(ChannelHandlerContext ctx) {
			this.room.add(ctx.channel());
		}

		@Override
		public void channelRead(ChannelHandlerContext ctx, Object msg) {
			ByteBuf line = (ByteBuf) msg;
			ByteBuf text = Unpooled.buffer(this.prefix.length + line.readableBytes() + 2);
			text.writeBytes(this.prefix).writeBytes(line).writeBytes(CRLF);
			line.release();
			this.room.writeAndFlush(text, (channel) -> channel != ctx.channel());
		}

	}

	/** The time as one line, then the close. */
	private static final class TellTime extends ChannelInboundHandlerAdapter {

		@Override
		public void channelActive(ChannelHandlerContext ctx) {
			ctx.writeAndFlush(Unpooled.copiedBuffer(Instant.now() + "\r\n", StandardCharsets.US_ASCII))
				.addListener(ChannelFutureListener.CLOSE);
		}

		@Override
		public void channelRead(ChannelHandlerContext ctx, Object msg) {
			((ByteBuf) msg).release();
		}

	}

	/** Each datagram back to its sender. */
	private static final class DatagramEcho extends ChannelInboundHandlerAdapter {

		@Override
		public void channelRead(ChannelHandlerContext ctx, Object msg) {
			DatagramPacket packet = (DatagramPacket) msg;
			ctx.write(new DatagramPacket(packet.content(), packet.sender()), ctx.voidPromise());
		}

		@Override
		public void channelReadComplete(ChannelHandlerContext ctx) {
			ctx.flush();
		}

	}

}
