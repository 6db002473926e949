package dev.sockets.chat.irc;

import java.time.Instant;

/**
 * What an IRC listener says of itself to its clients.
 *
 * @param name the server's name, the prefix of its own messages and the host shown for
 * every user
 * @param network the network's name ({@code NETWORK} in {@code RPL_ISUPPORT})
 * @param version the software's version, as {@code RPL_YOURHOST} and {@code RPL_MYINFO}
 * give it
 * @param created when the server started
 * @param motd the message of the day; empty for none
 * @param password the password a client gives with {@code PASS} before it registers; null
 * for none, when a {@code PASS} is ignored
 * @param maxNicknameLength the longest nickname ({@code NICKLEN})
 * @param maxChannelLength the longest channel name, with its {@code #}
 * ({@code CHANNELLEN})
 */
public record IrcServer(String name, String network, String version, Instant created, String motd, String password,
		int maxNicknameLength, int maxChannelLength) {

	public IrcServer {
		// An empty password, as a configuration file leaves it, is none.
		password = (password == null || password.isEmpty()) ? null : password;
	}

}
