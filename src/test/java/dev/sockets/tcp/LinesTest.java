package dev.sockets.tcp;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class LinesTest {

	@Test
	void mapRepliesToEveryLineInOrder() {
		assertThat(Lines.of("a", "b", "c").map((line) -> line + line)).isEqualTo(Lines.of("aa", "bb", "cc"));
	}

	@Test
	void linesCannotBeChangedThroughTheRecord() {
		Lines lines = new Lines(new ArrayList<>(List.of("a")));
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> lines.lines().add("b"));
	}

}
