package dev.sockets.observability;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.context.TestPropertySource;

import dev.sockets.listener.Listeners;
import dev.sockets.support.Actuator;
import dev.sockets.support.LineClient;
import dev.sockets.support.SocketsTest;

import static org.assertj.core.api.Assertions.assertThat;

class SocketsEndpointTest {

	private static final Pattern NICKNAME = Pattern.compile("\\* You are (\\S+) in");

	private static String join(LineClient client) {
		client.readLine();
		Matcher welcome = NICKNAME.matcher(client.readLine());
		assertThat(welcome.find()).isTrue();
		client.readLine();
		return welcome.group(1);
	}

	@Nested
	@SocketsTest
	@TestPropertySource(properties = { "management.endpoints.web.exposure.include=health,sockets",
			"management.endpoint.sockets.access=unrestricted" })
	class Unrestricted {

		@Autowired
		Listeners listeners;

		@LocalManagementPort
		int managementPort;

		@Test
		void listsListenersAndLiveConnectionsWithTheirChatPresence() {
			Actuator actuator = new Actuator(this.managementPort);
			try (LineClient client = LineClient.connect(this.listeners.port("chat-tcp"))) {
				String nickname = join(client);
				String body = actuator.get("/actuator/sockets").body();
				assertThat(body).contains("\"service\":\"echo\",\"protocol\":\"udp\"", "\"state\":\"serving\"",
						"\"port\":" + this.listeners.port("chat-tcp"));
				assertThat(body).containsPattern(
						"\\{\"id\":\"chat-tcp-\\d+\",\"listener\":\"chat-tcp\",\"service\":\"chat\",\"protocol\":\"tcp\","
								+ "\"remoteAddress\":\"127\\.0\\.0\\.1:\\d+\",\"openedAt\":\"[^\"]+\",\"bytesIn\":0,"
								+ "\"bytesOut\":\\d+,\"lastActivity\":\"[^\"]+\",\"nickname\":\"" + nickname
								+ "\",\"room\":\"#lobby\"\\}");
			}
		}

		@Test
		void deleteClosesTheConnectionAndTheClientSeesTheClose() {
			Actuator actuator = new Actuator(this.managementPort);
			int chat = this.listeners.port("chat-tcp");
			try (LineClient watcher = LineClient.connect(chat)) {
				join(watcher);
				LineClient target = LineClient.connect(chat);
				String nickname = join(target);
				watcher.readLineStartingWith("* " + nickname + " joined");
				Matcher id = Pattern.compile("\"id\":\"(chat-tcp-\\d+)\",[^}]*\"nickname\":\"" + nickname + "\"")
					.matcher(actuator.get("/actuator/sockets").body());
				assertThat(id.find()).isTrue();
				assertThat(actuator.delete("/actuator/sockets/" + id.group(1)).status()).isEqualTo(204);
				target.assertClosedByServer();
				assertThat(watcher.readLine()).isEqualTo("* " + nickname + " is offline (closed by operator)");
				assertThat(actuator.get("/actuator/sockets/" + id.group(1)).status()).isEqualTo(404);
				assertThat(actuator.delete("/actuator/sockets/" + id.group(1)).status()).isEqualTo(404);
				target.close();
			}
		}

	}

	@Nested
	@SocketsTest
	@TestPropertySource(properties = "management.endpoints.web.exposure.include=health,sockets")
	class ReadOnlyByDefault {

		@Autowired
		Listeners listeners;

		@LocalManagementPort
		int managementPort;

		@Test
		void connectionsCanBeListedButNotClosed() {
			Actuator actuator = new Actuator(this.managementPort);
			try (LineClient client = LineClient.connect(this.listeners.port("echo-tcp"))) {
				client.send("here").readLine();
				Matcher id = Pattern.compile("\"id\":\"(echo-tcp-\\d+)\"")
					.matcher(actuator.get("/actuator/sockets").body());
				assertThat(id.find()).isTrue();
				assertThat(actuator.delete("/actuator/sockets/" + id.group(1)).status()).isBetween(400, 499);
				assertThat(client.send("still here").readLine()).isEqualTo("still here");
			}
		}

	}

}
