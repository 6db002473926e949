package dev.sockets;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Optional;

import javax.management.JMException;
import javax.management.ObjectName;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationListener;

/**
 * From the first time the service takes traffic, hands the native memory the JVM has
 * freed back to the operating system, every {@code sockets.native-heap-trim-interval}.
 * glibc's malloc keeps what class loading and the JIT compilers free, in arenas it does
 * not return by itself: measured with 10,000 connections held, some 25 MB of a 300 MB
 * resident set. Each trim is the JVM's own {@code jcmd <pid> System.trim_native_heap},
 * run on a thread of its own; where the JVM or the C library cannot trim, the first
 * attempt says so and it stops.
 */
final class NativeHeapTrim implements ApplicationListener<AvailabilityChangeEvent<ReadinessState>>, DisposableBean {

	private static final Log logger = LogFactory.getLog(NativeHeapTrim.class);

	private final Duration interval;

	private Thread trimmer;

	private volatile String outcome;

	private volatile long trims;

	/**
	 * @param interval how long between trims; zero for none
	 */
	NativeHeapTrim(Duration interval) {
		this.interval = interval;
	}

	@Override
	public synchronized void onApplicationEvent(AvailabilityChangeEvent<ReadinessState> event) {
		if (event.getState() == ReadinessState.ACCEPTING_TRAFFIC && this.trimmer == null
				&& this.interval.isPositive()) {
			this.trimmer = Thread.ofPlatform().daemon().name("native-heap-trim").start(this::trimEveryInterval);
		}
	}

	private void trimEveryInterval() {
		try {
			while (trim()) {
				Thread.sleep(this.interval);
			}
		}
		catch (InterruptedException ex) {
			// Stopped with the application.
		}
	}

	/**
	 * @return whether trimming can go on
	 */
	private boolean trim() {
		try {
			Object result = ManagementFactory.getPlatformMBeanServer()
				.invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"), "systemTrimNativeHeap",
						new Object[] { new String[0] }, new String[] { String[].class.getName() });
			this.outcome = String.valueOf(result).strip();
			this.trims++;
			logger.trace(this.outcome);
			return this.outcome.startsWith("Trim native heap:");
		}
		catch (JMException | RuntimeException ex) {
			this.outcome = "not trimmed: " + ex;
			logger.debug(this.outcome);
			return false;
		}
	}

	/**
	 * @return what the JVM said of the last trim, once there has been one
	 */
	Optional<String> outcome() {
		return Optional.ofNullable(this.outcome);
	}

	/**
	 * @return how many trims there have been
	 */
	long trims() {
		return this.trims;
	}

	@Override
	public synchronized void destroy() {
		if (this.trimmer != null) {
			this.trimmer.interrupt();
		}
	}

}
