package dev.sockets.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A member of the chaos soak's room: says numbered lines, and notes every line and notice
 * it hears, with when.
 */
final class ChaosMember implements AutoCloseable {

	static final String LOST = "* cluster link lost";

	static final String RECOVERED = "* cluster link recovered";

	private static final Pattern LINE = Pattern.compile("<([^>]+)> (?:m (\\d+)|(last))");

	private final Side side;

	private final String nickname;

	private final Socket socket;

	private final OutputStream out;

	private final long joinedAt;

	private volatile long leftAt = Long.MAX_VALUE;

	private final AtomicLong sequence = new AtomicLong();

	private final List<Said> said = new ArrayList<>();

	private final List<Heard> heard = new ArrayList<>();

	private final List<Heard> notices = new ArrayList<>();

	private final Map<String, AtomicLong> heardFrom = new ConcurrentHashMap<>();

	private final Set<String> lastOf = ConcurrentHashMap.newKeySet();

	private ChaosMember(Side side, String nickname, Socket socket, BufferedReader in) throws IOException {
		this.side = side;
		this.nickname = nickname;
		this.socket = socket;
		this.out = socket.getOutputStream();
		this.joinedAt = System.nanoTime();
		Thread.ofVirtual().name("chaos-" + nickname).start(() -> listen(in));
	}

	/**
	 * Connects to the side's current instance, takes a nickname and joins a room.
	 */
	static ChaosMember join(Side side, String nickname, String room) {
		try {
			Socket socket = new Socket();
			socket.connect(new InetSocketAddress("127.0.0.1", side.instance().chatPort()), 5000);
			socket.setSoTimeout((int) Duration.ofSeconds(20).toMillis());
			BufferedReader in = new BufferedReader(
					new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
			socket.getOutputStream()
				.write(("/nick " + nickname + "\n/join " + room + "\n").getBytes(StandardCharsets.UTF_8));
			String line;
			do {
				line = in.readLine();
				if (line == null || line.startsWith("ERR")) {
					throw new IllegalStateException(nickname + " could not join " + room + ": " + line);
				}
			}
			while (!line.equals("* You joined " + room + "."));
			socket.setSoTimeout(0);
			return new ChaosMember(side, nickname, socket, in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void listen(BufferedReader in) {
		try {
			String line;
			while ((line = in.readLine()) != null) {
				long now = System.nanoTime();
				Matcher matcher = LINE.matcher(line);
				if (matcher.matches()) {
					String from = matcher.group(1);
					if (matcher.group(3) != null) {
						this.lastOf.add(from);
						continue;
					}
					synchronized (this.heard) {
						this.heard.add(new Heard(from, Long.parseLong(matcher.group(2)), now));
					}
					this.heardFrom.computeIfAbsent(from, (key) -> new AtomicLong()).incrementAndGet();
				}
				else if (line.startsWith("* ")) {
					synchronized (this.notices) {
						this.notices.add(new Heard(line, 0, now));
					}
				}
			}
		}
		catch (IOException ex) {
			// cut off: the instance was killed, or the member closed
		}
		left();
	}

	private void left() {
		if (this.leftAt == Long.MAX_VALUE) {
			this.leftAt = System.nanoTime();
		}
	}

	/**
	 * Says the next numbered line.
	 */
	void speak() {
		long number = this.sequence.incrementAndGet();
		synchronized (this.said) {
			this.said.add(new Said(number, System.nanoTime()));
		}
		write("m " + number);
	}

	/**
	 * Says the line that tells the others nothing more comes from this member.
	 */
	void sayLast() {
		write("last");
	}

	private void write(String line) {
		try {
			this.out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			left();
		}
	}

	Side side() {
		return this.side;
	}

	String nickname() {
		return this.nickname;
	}

	boolean connected() {
		return this.leftAt == Long.MAX_VALUE;
	}

	long joinedAt() {
		return this.joinedAt;
	}

	long leftAt() {
		return this.leftAt;
	}

	long heardFrom(String speaker) {
		AtomicLong count = this.heardFrom.get(speaker);
		return (count != null) ? count.get() : 0;
	}

	boolean heardLastOf(String speaker) {
		return this.lastOf.contains(speaker);
	}

	/**
	 * @return how many notices starting with the text arrived after the time
	 */
	long noticesSince(long since, String start) {
		synchronized (this.notices) {
			return this.notices.stream()
				.filter((notice) -> notice.at() >= since && notice.from().startsWith(start))
				.count();
		}
	}

	List<Said> said() {
		synchronized (this.said) {
			return List.copyOf(this.said);
		}
	}

	List<Heard> heard() {
		synchronized (this.heard) {
			return List.copyOf(this.heard);
		}
	}

	@Override
	public void close() {
		left();
		try {
			this.socket.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
	}

	/**
	 * A line said.
	 *
	 * @param sequence its number
	 * @param at when, in nanoseconds
	 */
	record Said(long sequence, long at) {

	}

	/**
	 * A line or notice heard.
	 *
	 * @param from who said it, or the notice's text
	 * @param sequence the line's number
	 * @param at when, in nanoseconds
	 */
	record Heard(String from, long sequence, long at) {

	}

}
