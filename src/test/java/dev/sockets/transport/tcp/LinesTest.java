package dev.sockets.transport.tcp;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LinesTest {

	@Test
	void mapRepliesToEveryLineInOrder() {
		assertThat(Lines.of("a", "b", "c").map((line) -> line + line)).isEqualTo(Lines.of("aa", "bb", "cc"));
	}

	@Test
	void linesAreACopyTheSenderCannotChange() {
		List<String> source = new ArrayList<>(List.of("a"));
		Lines lines = new Lines(source);
		source.add("b");
		assertThat(lines.size()).isEqualTo(1);
	}

}
