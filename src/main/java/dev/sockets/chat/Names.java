package dev.sockets.chat;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rules for nicknames and room names: short, from a restricted charset, compared
 * without case, as on IRC, so that no name can hide control characters or impersonate
 * another by case alone.
 */
final class Names {

	static final String NICKNAME_CHARS = "[A-Za-z][A-Za-z0-9_-]*";

	static final String ROOM_CHARS = "[A-Za-z0-9_-]+";

	private static final Pattern NICKNAME = Pattern.compile(NICKNAME_CHARS);

	private static final Pattern ROOM = Pattern.compile(ROOM_CHARS);

	private final int maxNicknameLength;

	private final int maxRoomNameLength;

	Names(int maxNicknameLength, int maxRoomNameLength) {
		this.maxNicknameLength = maxNicknameLength;
		this.maxRoomNameLength = maxRoomNameLength;
	}

	/**
	 * @return why the nickname is not acceptable, or empty if it is
	 */
	Optional<String> checkNickname(String nickname) {
		if (nickname.length() > this.maxNicknameLength || !NICKNAME.matcher(nickname).matches()) {
			return Optional.of("nickname must be 1-" + this.maxNicknameLength
					+ " letters, digits, '-' or '_', starting with a letter");
		}
		return Optional.empty();
	}

	/**
	 * @param room a room name with or without its leading {@code #}
	 * @return the canonical room name ({@code #} and lower case), or empty if the name is
	 * not acceptable
	 */
	Optional<String> canonicalRoom(String room) {
		String name = room.startsWith("#") ? room.substring(1) : room;
		if (name.length() > this.maxRoomNameLength || !ROOM.matcher(name).matches()) {
			return Optional.empty();
		}
		return Optional.of("#" + name.toLowerCase(Locale.ROOT));
	}

	String roomRule() {
		return "room name must be 1-" + this.maxRoomNameLength + " letters, digits, '-' or '_'";
	}

	static String key(String nickname) {
		return nickname.toLowerCase(Locale.ROOT);
	}

}
