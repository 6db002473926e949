package dev.sockets.chat;

/**
 * Makes user text safe to relay: control and invisible formatting characters are shown
 * escaped, never passed on raw, so no user can move another user's cursor, ring bells, or
 * reverse text.
 */
final class Text {

	private Text() {
	}

	/**
	 * @return the text with every control character except TAB written as {@code \ooo}
	 * (as ncat does) and every format character (bidi overrides, zero-width joiners) as a
	 * backslash, {@code u} and four hex digits
	 */
	static String escapeControls(String text) {
		int first = firstUnsafe(text);
		if (first < 0) {
			return text;
		}
		StringBuilder escaped = new StringBuilder(text.length() + 16).append(text, 0, first);
		for (int i = first; i < text.length(); i++) {
			char c = text.charAt(i);
			if (!isUnsafe(c)) {
				escaped.append(c);
			}
			else if (c <= 0xFF) {
				escaped.append('\\').append(octal(c));
			}
			else {
				escaped.append(String.format("\\u%04X", (int) c));
			}
		}
		return escaped.toString();
	}

	private static String octal(char c) {
		String digits = Integer.toOctalString(c);
		return "000".substring(digits.length()) + digits;
	}

	private static int firstUnsafe(String text) {
		for (int i = 0; i < text.length(); i++) {
			if (isUnsafe(text.charAt(i))) {
				return i;
			}
		}
		return -1;
	}

	private static boolean isUnsafe(char c) {
		if (c == '\t') {
			return false;
		}
		int type = Character.getType(c);
		return type == Character.CONTROL || type == Character.FORMAT;
	}

}
