package dev.sockets;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Time, echo and chat over TCP and UDP, configured from {@code sockets.*} properties.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SocketsApplication {

	public static void main(String[] args) {
		SpringApplication.run(SocketsApplication.class, args);
	}

}
