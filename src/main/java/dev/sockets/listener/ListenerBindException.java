package dev.sockets.listener;

import java.net.InetSocketAddress;

/**
 * A listener could not bind its address, typically because another process holds the
 * port.
 */
public class ListenerBindException extends RuntimeException {

	private final ListenerId listener;

	private final InetSocketAddress address;

	public ListenerBindException(ListenerId listener, InetSocketAddress address, Throwable cause) {
		super(listener.describe() + " cannot listen on " + Addresses.display(address) + ": " + cause.getMessage(),
				cause);
		this.listener = listener;
		this.address = address;
	}

	public ListenerId getListener() {
		return this.listener;
	}

	public InetSocketAddress getAddress() {
		return this.address;
	}

}
