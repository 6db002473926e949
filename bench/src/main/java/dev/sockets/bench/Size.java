package dev.sockets.bench;

import java.time.Duration;

import org.springframework.boot.convert.DurationStyle;

/**
 * How big a benchmark run is. {@link #full()} is the run the README reports;
 * {@link #smoke()} runs every scenario for a moment with small counts, to keep the
 * benchmark working.
 *
 * @param name the size's name
 * @param flood connections in the echo flood
 * @param latencyConnections connections in the paced echo
 * @param latencyRate lines per second in the paced echo
 * @param held connections held open, each sending one line a second
 * @param manyHeld connections held open at scale, each sending one line every
 * {@code manyHeldInterval}; fewer where the open-file limit does not let that many in
 * @param manyHeldSources loopback addresses the connections at scale come from
 * @param manyHeldInterval time between two lines of one connection held at scale
 * @param chatMembers members of the chat room
 * @param chatInterval time between chat messages
 * @param bigChatMembers members of the large chat room
 * @param udpRate datagrams per second offered
 * @param timeClients clients asking the time concurrently
 * @param startups startups timed, of each server
 * @param warmup time before each measurement, not counted
 * @param measure time each scenario is measured
 */
record Size(String name, int flood, int latencyConnections, int latencyRate, int held, int manyHeld,
		int manyHeldSources, Duration manyHeldInterval, int chatMembers, Duration chatInterval, int bigChatMembers,
		int udpRate, int timeClients, int startups, Duration warmup, Duration measure) {

	/**
	 * The full run. Each scenario warms up for 15 s because the service's path has far
	 * more code than the reference's for the JIT to compile, and recompile when the shape
	 * of the traffic changes from one scenario to the next; after a 3-s warm-up that work
	 * still showed in the p99.
	 */
	static Size full() {
		return new Size("full", 100, 100, 10_000, 10_000, 100_000, 8, Duration.ofSeconds(10), 1_000,
				Duration.ofMillis(100), 10_000, 100_000, 32, 5, Duration.ofSeconds(15), Duration.ofSeconds(10));
	}

	static Size smoke() {
		return new Size("smoke", 10, 10, 1_000, 200, 300, 3, Duration.ofSeconds(10), 50, Duration.ofMillis(100), 100,
				2_000, 8, 1, Duration.ofMillis(500), Duration.ofSeconds(1));
	}

	/**
	 * The size of that name, with the warm-up and the measurement changed where
	 * {@code -Dbench.warmup} or {@code -Dbench.measure} say (e.g. {@code 10s}).
	 */
	static Size named(String name) {
		Size size = "full".equals(name) ? full() : smoke();
		Duration warmup = duration("bench.warmup", size.warmup());
		Duration measure = duration("bench.measure", size.measure());
		return new Size(size.name(), size.flood(), size.latencyConnections(), size.latencyRate(), size.held(),
				size.manyHeld(), size.manyHeldSources(), size.manyHeldInterval(), size.chatMembers(),
				size.chatInterval(), size.bigChatMembers(), size.udpRate(), size.timeClients(), size.startups(), warmup,
				measure);
	}

	private static Duration duration(String property, Duration otherwise) {
		String value = System.getProperty(property, "");
		return value.isBlank() ? otherwise : DurationStyle.detectAndParse(value);
	}

}
