package dev.sockets.bench;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.task.VirtualThreadTaskExecutor;
import org.springframework.integration.config.EnableIntegration;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.ip.dsl.Tcp;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.integration.ip.tcp.serializer.ByteArrayLfSerializer;

/**
 * The echo flow on Spring Integration's own TCP connection factories, for comparison with
 * the service's: {@code Tcp.netServer} on virtual threads, and {@code Tcp.nioServer} on a
 * bounded pool. Prints {@code <name> listening on 127.0.0.1:<port>} for each.
 * <p>
 * Deliberately not a {@code @Configuration}: it lives under the service's package, and
 * the service's component scan must not pick it up; its own context registers it
 * directly.
 */
@EnableIntegration
public class StockFactoryServers {

	public static void main(String[] args) throws InterruptedException {
		try (var context = new AnnotationConfigApplicationContext(StockFactoryServers.class)) {
			print(context, "net", "netFactory");
			print(context, "nio", "nioFactory");
			Thread.currentThread().join();
		}
	}

	private static void print(AnnotationConfigApplicationContext context, String name, String bean)
			throws InterruptedException {
		AbstractServerConnectionFactory factory = context.getBean(bean, AbstractServerConnectionFactory.class);
		while (!factory.isListening()) {
			Thread.sleep(10);
		}
		System.out.println(name + "-tcp listening on 127.0.0.1:" + factory.getPort());
	}

	@Bean
	AbstractServerConnectionFactory netFactory() {
		ByteArrayLfSerializer lines = new ByteArrayLfSerializer();
		return Tcp.netServer(0)
			.localAddress("127.0.0.1")
			.serializer(lines)
			.deserializer(lines)
			.taskExecutor(new VirtualThreadTaskExecutor("net-"))
			.getObject();
	}

	@Bean
	AbstractServerConnectionFactory nioFactory() {
		ByteArrayLfSerializer lines = new ByteArrayLfSerializer();
		ThreadPoolExecutor pool = new ThreadPoolExecutor(16, 16, 1, TimeUnit.MINUTES, new ArrayBlockingQueue<>(1000),
				new ThreadPoolExecutor.CallerRunsPolicy());
		return Tcp.nioServer(0)
			.localAddress("127.0.0.1")
			.serializer(lines)
			.deserializer(lines)
			.taskExecutor(pool)
			.getObject();
	}

	@Bean
	IntegrationFlow netEcho(AbstractServerConnectionFactory netFactory) {
		return IntegrationFlow.from(Tcp.inboundGateway(netFactory)).handle((payload, headers) -> payload).get();
	}

	@Bean
	IntegrationFlow nioEcho(AbstractServerConnectionFactory nioFactory) {
		return IntegrationFlow.from(Tcp.inboundGateway(nioFactory)).handle((payload, headers) -> payload).get();
	}

}
