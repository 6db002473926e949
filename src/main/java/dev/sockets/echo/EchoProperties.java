package dev.sockets.echo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What the echo service says around what it echoes.
 *
 * @param greeting line sent to every TCP client on connect, before anything is echoed;
 * empty for none (e.g. {@code Welcome to the server. Type something and hit enter})
 * @param replyPrefix text put in front of every echoed line (e.g. {@code OK...}); ignored
 * with {@code raw} framing and over UDP, where data comes back unchanged
 */
@ConfigurationProperties("sockets.echo")
public record EchoProperties(@DefaultValue("") String greeting, @DefaultValue("") String replyPrefix) {
}
