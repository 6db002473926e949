package dev.sockets.cluster;

/**
 * One instance of the chaos soak's cluster under its name, across restarts.
 */
final class Side implements AutoCloseable {

	private final String name;

	private volatile ClusterInstance instance;

	private volatile int echoPort;

	private volatile int generation;

	Side(String name, ClusterInstance instance) {
		this.name = name;
		replace(instance);
		this.generation = 0;
	}

	String name() {
		return this.name;
	}

	ClusterInstance instance() {
		return this.instance;
	}

	int echoPort() {
		return this.echoPort;
	}

	/**
	 * @return how many times the instance was started again
	 */
	int generation() {
		return this.generation;
	}

	/**
	 * The instance was started again, on new ports.
	 */
	void replace(ClusterInstance started) {
		this.echoPort = started.process().awaitPort("echo-tcp");
		this.instance = started;
		this.generation++;
	}

	@Override
	public void close() {
		this.instance.close();
	}

}
