package dev.sockets.listener;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

/**
 * A listener as the lifecycle and operators see it, whatever its protocol: one bound
 * address that serves one service.
 */
public interface Listener {

	ListenerId id();

	/**
	 * @return the address and port it is bound to (the port the system chose, where 0 was
	 * configured)
	 */
	InetSocketAddress localAddress();

	/**
	 * @return whether its connections speak TLS
	 */
	boolean isTls();

	/**
	 * @return whether it is serving: bound, and accepting connections or receiving
	 * datagrams
	 */
	boolean isServing();

	/**
	 * @return what it is doing and why: serving, paused or draining by an operator, or
	 * stopped
	 */
	ListenerStatus status();

	/**
	 * Starts accepting connections or receiving datagrams, on the same port as before if
	 * it had stopped; a listener an operator paused or drained stays so until
	 * {@link #resume()}.
	 */
	void startServing();

	/**
	 * Stops accepting connections or receiving datagrams; open connections are left
	 * alone.
	 */
	void stopServing();

	/**
	 * Stops accepting connections or receiving datagrams until {@link #resume()}, as
	 * {@link #stopServing()} does (new clients are refused), and says why in its status;
	 * open connections go on.
	 * @param reason why, in the operator's words
	 */
	void pause(String reason);

	/**
	 * Stops accepting connections or receiving datagrams until {@link #resume()}, and
	 * reports that its connections are being closed. It does not close them itself:
	 * {@link Listeners#drain} tells their clients first.
	 * @param reason why, in the operator's words
	 */
	void drain(String reason);

	/**
	 * Serves again, on the same port, after {@link #pause} or {@link #drain}.
	 * @throws ListenerBindException if the port was taken meanwhile; it then stays paused
	 * or draining
	 */
	void resume();

	/**
	 * @return how many connections it holds at once; none for UDP
	 */
	Optional<ConnectionLimits> connectionLimits();

	/**
	 * @return the connections open now; 0 for UDP
	 */
	int openConnections();

	/**
	 * @return bytes written to its clients that they have not taken yet, held in its
	 * connections' output buffers; 0 for UDP
	 */
	long pendingOutputBytes();

	/**
	 * @return datagrams the kernel dropped because the socket's receive buffer was full,
	 * since the listener started, as far as the system tells (Linux does); 0 for TCP
	 */
	long kernelDrops();

	/**
	 * @return every open connection; none for UDP
	 */
	List<ConnectionInfo> connections();

	/**
	 * Closes one connection after what it was already sent.
	 * @return whether the listener had such a connection open
	 */
	boolean close(String connectionId, CloseReason reason);

	/**
	 * Closes every open connection after what it was already sent.
	 */
	void closeAll(CloseReason reason);

	/**
	 * Cuts every connection still open, discarding what it was not yet sent.
	 */
	void abortAll();

}
