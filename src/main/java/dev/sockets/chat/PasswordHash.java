package dev.sockets.chat;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A service operator's password as configured: PBKDF2 with HMAC-SHA256, which the JDK
 * computes and {@code openssl kdf} makes, written
 * {@code {pbkdf2-sha256}ITERATIONS$SALT$HASH} with the salt and hash in hex (colons, as
 * {@code openssl} prints them, allowed). Never the password itself: whoever reads the
 * configuration must not be able to use it.
 */
final class PasswordHash {

	static final String FORMAT = "{pbkdf2-sha256}ITERATIONS$SALT$HASH (hex salt and hash)";

	private static final Pattern HASH = Pattern
		.compile("\\{pbkdf2(?:-sha256)?}([0-9]{1,9})\\$([0-9A-Fa-f:]{16,})\\$([0-9A-Fa-f:]{32,})");

	/** Fewer makes guessing from a leaked configuration cheap. */
	static final int MIN_ITERATIONS = 1000;

	private final int iterations;

	private final byte[] salt;

	private final byte[] hash;

	private PasswordHash(int iterations, byte[] salt, byte[] hash) {
		this.iterations = iterations;
		this.salt = salt;
		this.hash = hash;
	}

	/**
	 * @throws IllegalArgumentException if the text is not a hash of this format
	 */
	static PasswordHash parse(String text) {
		Matcher matcher = HASH.matcher(text.strip());
		if (!matcher.matches()) {
			throw new IllegalArgumentException("a password hash must be " + FORMAT);
		}
		int iterations = Integer.parseInt(matcher.group(1));
		if (iterations < MIN_ITERATIONS) {
			throw new IllegalArgumentException("a password hash needs at least " + MIN_ITERATIONS + " iterations");
		}
		return new PasswordHash(iterations, hex(matcher.group(2)), hex(matcher.group(3)));
	}

	/**
	 * @return whether the password is the one hashed; takes as long as hashing does,
	 * whatever the answer
	 */
	boolean matches(String password) {
		try {
			PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), this.salt, this.iterations, this.hash.length * 8);
			byte[] computed = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
			return MessageDigest.isEqual(computed, this.hash);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available", ex);
		}
	}

	/**
	 * @return the hash of a password in this format, for tests and tools
	 */
	static String of(String password, byte[] salt, int iterations) {
		try {
			PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, 256);
			byte[] hash = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
			return "{pbkdf2-sha256}" + iterations + "$" + HexFormat.of().formatHex(salt) + "$"
					+ HexFormat.of().formatHex(hash);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available", ex);
		}
	}

	private static byte[] hex(String text) {
		String digits = text.replace(":", "");
		if (digits.length() % 2 != 0) {
			throw new IllegalArgumentException("a password hash must be " + FORMAT);
		}
		return HexFormat.of().parseHex(digits.toLowerCase(Locale.ROOT));
	}

}
