package dev.sockets.chat;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TextTest {

	@Test
	void leavesPrintableTextAlone() {
		String text = "héllo wörld\tтест 😀 <b>";
		assertThat(Text.escapeControls(text)).isSameAs(text);
	}

	@Test
	void escapesControlCharactersAsOctalLikeNcat() {
		assertThat(Text.escapeControls("a\u0007b\u001b[2Jc\u0000")).isEqualTo("a\\007b\\033[2Jc\\000");
	}

	@Test
	void escapesDeleteAndC1Controls() {
		assertThat(Text.escapeControls("x\u007fy\u009bz")).isEqualTo("x\\177y\\233z");
	}

	@Test
	void escapesInvisibleFormattingSuchAsBidiOverrides() {
		assertThat(Text.escapeControls("abc\u202Edef\u200D")).isEqualTo("abc\\u202Edef\\u200D");
	}

}
