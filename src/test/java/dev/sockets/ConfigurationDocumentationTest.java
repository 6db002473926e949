package dev.sockets;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every {@code sockets.*} property has a description for IDEs and a line in the README.
 */
class ConfigurationDocumentationTest {

	private static List<JsonNode> properties() throws IOException {
		try (InputStream metadata = ConfigurationDocumentationTest.class
			.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			assertThat(metadata).as("metadata written by the configuration processor").isNotNull();
			List<JsonNode> properties = new ArrayList<>();
			for (JsonNode property : JsonMapper.shared().readTree(metadata).get("properties")) {
				if (property.get("name").asString().startsWith("sockets.")) {
					properties.add(property);
				}
			}
			assertThat(properties).hasSizeGreaterThan(20);
			return properties;
		}
	}

	@Test
	void everyPropertyHasADescription() throws IOException {
		for (JsonNode property : properties()) {
			assertThat(property.path("description").asString()).as(property.get("name").asString()).isNotBlank();
		}
	}

	@Test
	void everyPropertyIsInTheReadme() throws IOException {
		String readme = Files.readString(Path.of("README.md"));
		for (JsonNode property : properties()) {
			String name = property.get("name").asString();
			// The IRC listener has every setting of a TCP listener.
			String tcp = name.replaceFirst("^sockets\\.chat\\.irc\\.", "sockets.chat.tcp.");
			String generic = tcp.replaceFirst("^sockets\\.(time|echo|chat)\\.(tcp|udp)\\.", "sockets.<service>.$2.");
			String anyProtocol = tcp.replaceFirst("^sockets\\.(time|echo|chat)\\.(tcp|udp)\\.",
					"sockets.<service>.<protocol>.");
			assertThat(readme).as(name).containsAnyOf("`" + name + "`", "`" + generic + "`", "`" + anyProtocol + "`");
		}
	}

}
