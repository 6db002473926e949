package dev.sockets;

import java.time.Duration;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import sun.misc.Signal;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import dev.sockets.config.SocketsProperties;

/**
 * Time, echo and chat over TCP and UDP, configured from {@code sockets.*} properties.
 * <p>
 * The starters bring auto-configurations that a socket service has no use for; each is
 * evaluated and built at every start, so they are left out: meters of Tomcat's sessions
 * (whose binder also creates the platform MBean server, a tenth of a second, between the
 * context's start and readiness), Spring Data's repositories, web binding and exception
 * translation, transactions, and the request encoding and multipart support of an
 * application server that serves no HTTP ({@code server.port=-1}; the actuator has a
 * server of its own).
 * <p>
 * Its one bean method is called by no other, so the class is not proxied: Spring would
 * otherwise generate a subclass of it at every start.
 */
@SpringBootApplication(proxyBeanMethods = false,
		excludeName = { "org.springframework.boot.tomcat.autoconfigure.metrics.TomcatMetricsAutoConfiguration",
				"org.springframework.boot.data.autoconfigure.metrics.DataRepositoryMetricsAutoConfiguration",
				"org.springframework.boot.data.autoconfigure.web.DataWebAutoConfiguration",
				"org.springframework.boot.persistence.autoconfigure.PersistenceExceptionTranslationAutoConfiguration",
				"org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration",
				"org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizationAutoConfiguration",
				"org.springframework.boot.servlet.autoconfigure.HttpEncodingAutoConfiguration",
				"org.springframework.boot.servlet.autoconfigure.MultipartAutoConfiguration" })
@ConfigurationPropertiesScan
public class SocketsApplication {

	private static final Log logger = LogFactory.getLog(SocketsApplication.class);

	/**
	 * Beyond the connections' shutdown timeout, time for the rest of the shutdown (flows,
	 * the management server, the I/O threads) before the watchdog gives up on it.
	 */
	static final Duration SHUTDOWN_MARGIN = Duration.ofSeconds(20);

	@Bean
	NativeHeapTrim nativeHeapTrim(SocketsProperties properties) {
		return new NativeHeapTrim(properties.nativeHeapTrimInterval());
	}

	public static void main(String[] args) {
		ConfigurableApplicationContext context = SpringApplication.run(SocketsApplication.class, args);
		stopOnTerm(context);
	}

	/**
	 * SIGTERM, as sent by {@code kill} and by a kubelet, is how this service is meant to
	 * stop: it shuts down in order (readiness, listeners, notices, connections) and exits
	 * 0, where the JVM's own handling of the signal would report 143. A watchdog makes
	 * sure it never hangs.
	 */
	private static void stopOnTerm(ConfigurableApplicationContext context) {
		Duration budget = context.getEnvironment()
			.getProperty("sockets.shutdown-timeout", Duration.class, Duration.ofSeconds(10))
			.plus(SHUTDOWN_MARGIN);
		Signal.handle(new Signal("TERM"), (signal) -> {
			logger.info("SIGTERM received: shutting down");
			Thread watchdog = Thread.ofPlatform().daemon().name("shutdown-watchdog").start(() -> {
				try {
					Thread.sleep(budget);
					logger.error("Shutdown did not finish within " + budget.toSeconds() + " s; halting");
					Runtime.getRuntime().halt(1);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			});
			int exitCode = SpringApplication.exit(context);
			watchdog.interrupt();
			System.exit(exitCode);
		});
	}

}
