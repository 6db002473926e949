package dev.sockets.support;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A TCP client as the tutorials' clients and {@code telnet} use the services: connect,
 * send lines, read lines. Every read waits for its condition with a deadline; nothing
 * sleeps.
 */
public final class LineClient implements AutoCloseable {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final Socket socket;

	private final InputStream in;

	private final OutputStream out;

	private LineClient(Socket socket) throws IOException {
		this.socket = socket;
		this.in = new BufferedInputStream(socket.getInputStream());
		this.out = socket.getOutputStream();
	}

	public static LineClient connect(int port) {
		return connectFrom("127.0.0.1", port);
	}

	/**
	 * Connects from a given local address, such as {@code 127.0.0.2}: on Linux every
	 * address of 127.0.0.0/8 is the loopback interface, so tests can be clients at
	 * several addresses.
	 */
	public static LineClient connectFrom(String localAddress, int port) {
		try {
			Socket socket = new Socket();
			socket.bind(new InetSocketAddress(localAddress, 0));
			socket.connect(new InetSocketAddress("127.0.0.1", port), (int) TIMEOUT.toMillis());
			socket.setSoTimeout((int) TIMEOUT.toMillis());
			return new LineClient(socket);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot connect to port " + port, ex);
		}
	}

	/**
	 * Connects over TLS, checking the server's certificate against the host name as
	 * browsers do, and completes the handshake.
	 */
	public static LineClient connectTls(SSLContext context, int port) {
		return connectTlsFrom("127.0.0.1", context, port);
	}

	/**
	 * Connects over TLS from a given local address, as {@link #connectTls} does.
	 */
	public static LineClient connectTlsFrom(String localAddress, SSLContext context, int port) {
		try {
			SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket();
			socket.bind(new InetSocketAddress(localAddress, 0));
			SSLParameters parameters = socket.getSSLParameters();
			parameters.setEndpointIdentificationAlgorithm("HTTPS");
			socket.setSSLParameters(parameters);
			socket.connect(new InetSocketAddress("127.0.0.1", port), (int) TIMEOUT.toMillis());
			socket.setSoTimeout((int) TIMEOUT.toMillis());
			socket.startHandshake();
			return new LineClient(socket);
		}
		catch (IOException ex) {
			throw new IllegalStateException("No TLS connection to port " + port, ex);
		}
	}

	/**
	 * @return the TLS session of a connection made with {@link #connectTls}
	 */
	public SSLSession tlsSession() {
		return ((SSLSocket) this.socket).getSession();
	}

	/**
	 * @return the local port the connection is from
	 */
	public int localPort() {
		return this.socket.getLocalPort();
	}

	/**
	 * Sends a line terminated by LF, as {@code nc} does.
	 */
	public LineClient send(String line) {
		return sendBytes((line + "\n").getBytes(StandardCharsets.UTF_8));
	}

	public LineClient sendBytes(byte[] bytes) {
		try {
			this.out.write(bytes);
			this.out.flush();
			return this;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * @return the next line, which must end in CRLF, without its terminator
	 */
	public String readLine() {
		byte[] line = readUntilLf();
		String text = new String(line, StandardCharsets.UTF_8);
		assertThat(text).as("line terminator").endsWith("\r\n");
		return text.substring(0, text.length() - 2);
	}

	/**
	 * Reads lines until one matches, and returns it; the lines before it are skipped.
	 */
	public String readLineStartingWith(String prefix) {
		for (int i = 0; i < 1000; i++) {
			String line = readLine();
			if (line.startsWith(prefix)) {
				return line;
			}
		}
		return fail("No line starting with " + prefix);
	}

	/**
	 * @return exactly {@code count} bytes
	 */
	public byte[] readBytes(int count) {
		try {
			byte[] bytes = this.in.readNBytes(count);
			assertThat(bytes).as("bytes before end of stream").hasSize(count);
			return bytes;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * @return everything the server sends until it closes the connection
	 */
	public byte[] readToEnd() {
		try {
			return this.in.readAllBytes();
		}
		catch (SocketTimeoutException ex) {
			return fail("The server did not close the connection within " + TIMEOUT);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Asserts that the server closes the connection without sending anything more.
	 */
	public void assertClosedByServer() {
		assertThat(readToEnd()).as("bytes before the close").isEmpty();
	}

	/**
	 * Resets the connection (RST) instead of closing it cleanly.
	 */
	public void reset() {
		try {
			this.socket.setSoLinger(true, 0);
			this.socket.close();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private byte[] readUntilLf() {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		try {
			int b;
			while ((b = this.in.read()) != -1) {
				line.write(b);
				if (b == '\n') {
					return line.toByteArray();
				}
			}
			return fail("Connection closed; partial line: " + line.toString(StandardCharsets.UTF_8));
		}
		catch (SocketTimeoutException ex) {
			return fail("No line within " + TIMEOUT + "; partial line: " + line.toString(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		try {
			this.socket.close();
		}
		catch (IOException ex) {
			// already closed
		}
	}

}
