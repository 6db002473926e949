package dev.sockets.support;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.Optional;

/**
 * A UDP client as the tutorials' {@code sendto}/{@code recvfrom} clients use the
 * services.
 */
public final class DatagramClient implements AutoCloseable {

	private final DatagramSocket socket;

	private final InetSocketAddress server;

	public DatagramClient(int port) {
		this("127.0.0.1", port);
	}

	/**
	 * A client sending from a given local address, such as {@code 127.0.0.2}.
	 */
	public DatagramClient(String localAddress, int port) {
		try {
			this.socket = new DatagramSocket(new InetSocketAddress(localAddress, 0));
			this.socket.setSoTimeout(5000);
			this.server = new InetSocketAddress("127.0.0.1", port);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public DatagramClient send(byte[] data) {
		try {
			this.socket.send(new DatagramPacket(data, data.length, this.server));
			return this;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * @return the next datagram, or empty if none arrives within the timeout
	 */
	public Optional<byte[]> receive() {
		byte[] buffer = new byte[65_536];
		DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
		try {
			this.socket.receive(packet);
			return Optional.of(Arrays.copyOf(buffer, packet.getLength()));
		}
		catch (SocketTimeoutException ex) {
			return Optional.empty();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public void timeout(int millis) {
		try {
			this.socket.setSoTimeout(millis);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		this.socket.close();
	}

}
