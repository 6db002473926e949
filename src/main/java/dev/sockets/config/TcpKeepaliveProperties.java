package dev.sockets.config;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Positive;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * TCP keepalive on a listener's connections ({@code SO_KEEPALIVE}): after a connection
 * has been quiet for {@code idle}, the kernel probes the peer every {@code interval} and
 * closes the connection after {@code count} unanswered probes, which the service then
 * sees as {@code connection lost}. With the defaults a vanished peer is found within 4
 * minutes of its last word.
 * <p>
 * The timings are set per connection where the platform allows it (Linux, with either
 * Netty transport; macOS and Windows through the JDK); elsewhere the system's own
 * settings apply (on Linux, {@code net.ipv4.tcp_keepalive_time}, 2 hours by default).
 *
 * @param enabled whether connections are probed at all
 * @param idle how long a connection is quiet before the first probe; below the idle
 * timeout of any load balancer in front (350 s on AWS's NLB) keeps quiet connections
 * through it
 * @param interval time between probes that go unanswered
 * @param count unanswered probes after which the connection is given up
 */
public record TcpKeepaliveProperties(@DefaultValue("true") boolean enabled,
		@DefaultValue("2m") @DurationMin(seconds = 1) @DurationMax(seconds = 32767) Duration idle,
		@DefaultValue("30s") @DurationMin(seconds = 1) @DurationMax(seconds = 32767) Duration interval,
		@DefaultValue("4") @Positive @Max(127) int count) {

}
