package dev.sockets.chat;

/**
 * Who is at the other end of a session, as the chat may know it: plain values, so that
 * the chat knows nothing of sockets.
 *
 * @param address the client's IP address as a literal ({@code 192.0.2.7},
 * {@code 2001:db8::1}); empty where it is not known
 * @param certificateSubject the subject of the client certificate the session presented
 * on a TLS listener with client authentication; empty for none
 */
public record Peer(String address, String certificateSubject) {

	/** A session of which nothing is known. */
	public static final Peer UNKNOWN = new Peer("", "");

	public Peer {
		address = (address != null) ? address : "";
		certificateSubject = (certificateSubject != null) ? certificateSubject : "";
	}

}
