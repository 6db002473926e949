package dev.sockets.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * The whole service in the test JVM, every listener and the management server on an
 * ephemeral loopback port (see {@code application-test.yml}); tests find the ports
 * through {@code Listeners} and {@code @LocalManagementPort}. Further properties go in
 * {@code @TestPropertySource}.
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@ActiveProfiles("test")
public @interface SocketsTest {

}
