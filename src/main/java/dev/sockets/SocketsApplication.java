package dev.sockets;

import java.time.Duration;
import java.util.List;

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
 */
@SpringBootApplication(excludeName = { SocketsApplication.TOMCAT_METRICS, SocketsApplication.DATA_REPOSITORY_METRICS,
		SocketsApplication.DATA_WEB, SocketsApplication.PERSISTENCE_EXCEPTION_TRANSLATION,
		SocketsApplication.TRANSACTIONS, SocketsApplication.TRANSACTION_MANAGER_CUSTOMIZATION,
		SocketsApplication.HTTP_ENCODING, SocketsApplication.MULTIPART })
@ConfigurationPropertiesScan
public class SocketsApplication {

	static final String TOMCAT_METRICS = "org.springframework.boot.tomcat.autoconfigure.metrics.TomcatMetricsAutoConfiguration";

	static final String DATA_REPOSITORY_METRICS = "org.springframework.boot.data.autoconfigure.metrics.DataRepositoryMetricsAutoConfiguration";

	static final String DATA_WEB = "org.springframework.boot.data.autoconfigure.web.DataWebAutoConfiguration";

	static final String PERSISTENCE_EXCEPTION_TRANSLATION = "org.springframework.boot.persistence.autoconfigure.PersistenceExceptionTranslationAutoConfiguration";

	static final String TRANSACTIONS = "org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration";

	static final String TRANSACTION_MANAGER_CUSTOMIZATION = "org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizationAutoConfiguration";

	static final String HTTP_ENCODING = "org.springframework.boot.servlet.autoconfigure.HttpEncodingAutoConfiguration";

	static final String MULTIPART = "org.springframework.boot.servlet.autoconfigure.MultipartAutoConfiguration";

	/** What is left out, in the order of {@link SpringBootApplication#excludeName()}. */
	static final List<String> EXCLUDED = List.of(TOMCAT_METRICS, DATA_REPOSITORY_METRICS, DATA_WEB,
			PERSISTENCE_EXCEPTION_TRANSLATION, TRANSACTIONS, TRANSACTION_MANAGER_CUSTOMIZATION, HTTP_ENCODING,
			MULTIPART);

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
