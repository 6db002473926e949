package dev.sockets.chat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

class HistoryPropertiesTest {

	private static HistoryProperties bind(Map<String, String> properties) {
		return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("sockets.chat.history",
				HistoryProperties.class);
	}

	@Test
	void historyIsOnByDefaultWithTheLastTwentyLinesOfAnHour() {
		HistoryProperties history = bind(Map.of());
		assertThat(history.enabled()).isTrue();
		assertThat(history.lines()).isEqualTo(20);
		assertThat(history.maxAge()).isEqualTo(Duration.ofHours(1));
		assertThat(history.maxRooms()).isEqualTo(500);
	}

	@Test
	void noLinesOrNoAgeTurnItOff() {
		assertThat(bind(Map.of("sockets.chat.history.lines", "0")).enabled()).isFalse();
		assertThat(bind(Map.of("sockets.chat.history.max-age", "0s")).enabled()).isFalse();
	}

}
