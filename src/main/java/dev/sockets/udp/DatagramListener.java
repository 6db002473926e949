package dev.sockets.udp;

import java.util.List;
import java.util.Optional;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;

import org.springframework.integration.endpoint.MessageProducerSupport;
import org.springframework.integration.handler.advice.AbstractRequestHandlerAdvice;
import org.springframework.messaging.MessageHandler;

import dev.sockets.config.ListenerDefinition;
import dev.sockets.listener.CloseReason;
import dev.sockets.listener.ConnectionInfo;
import dev.sockets.listener.ConnectionLimits;
import dev.sockets.listener.Listener;
import dev.sockets.listener.TrafficRecorders;

/**
 * A UDP listener as a flow sees it: where the flow starts, a message per datagram served
 * (its bytes, and the sender's address in a header), and where it ends, each answer sent
 * back to the sender from the port it wrote to.
 * <p>
 * Where Netty's epoll transport runs, datagrams are received on the I/O threads
 * ({@link EpollDatagramListener}); elsewhere by Spring Integration's unicast adapter on a
 * thread of its own ({@link SocketDatagramListener}). Both serve the same: the same
 * limits, counted in the same meters.
 */
public interface DatagramListener extends Listener {

	/**
	 * @param ioThreads the I/O threads the TCP listeners share, which receive the
	 * datagrams too where they run on epoll
	 */
	static DatagramListener create(ListenerDefinition.Udp definition, TrafficRecorders recorders,
			EventLoopGroup ioThreads) {
		if (Epoll.isAvailable() && ioThreads instanceof IoEventLoopGroup io && io.isIoType(EpollIoHandler.class)) {
			return new EpollDatagramListener(definition, recorders, ioThreads);
		}
		return new SocketDatagramListener(definition, recorders);
	}

	/**
	 * @return where the flow starts
	 */
	MessageProducerSupport producer();

	/**
	 * @return the end of the flow: sends each {@code byte[]} answer to the sender of the
	 * datagram it answers
	 */
	MessageHandler replyToSender();

	/**
	 * @return advice for the {@link #replyToSender()} endpoint that counts the answers
	 * sent
	 */
	AbstractRequestHandlerAdvice answerCounter();

	@Override
	default boolean isTls() {
		return false;
	}

	@Override
	default Optional<ConnectionLimits> connectionLimits() {
		return Optional.empty();
	}

	@Override
	default int openConnections() {
		return 0;
	}

	@Override
	default long pendingOutputBytes() {
		return 0;
	}

	@Override
	default List<ConnectionInfo> connections() {
		return List.of();
	}

	@Override
	default boolean close(String connectionId, CloseReason reason) {
		return false;
	}

	@Override
	default void closeAll(CloseReason reason) {
		// Datagrams have no connections.
	}

	@Override
	default void abortAll() {
		// Datagrams have no connections.
	}

}
