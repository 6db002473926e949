package dev.sockets.time;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What the time service says.
 *
 * @param format how the time is written: {@code iso-8601} (UTC, milliseconds),
 * {@code rfc-867} (the daytime line) or {@code rfc-868} (4-byte binary seconds since
 * 1900)
 */
@ConfigurationProperties("sockets.time")
public record TimeProperties(@DefaultValue("iso-8601") TimeFormat format) {
}
