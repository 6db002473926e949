package dev.sockets.config;

import java.util.List;
import java.util.Locale;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.origin.Origin;

/**
 * The one report every configuration mistake gets: each bad property with its value,
 * where it came from, and what is wrong with it; then what to do, naming each property's
 * environment form.
 */
final class InvalidConfigurationReport {

	private InvalidConfigurationReport() {
	}

	static FailureAnalysis analysis(List<Entry> entries, Throwable cause) {
		StringBuilder description = new StringBuilder("Invalid configuration:\n");
		StringBuilder action = new StringBuilder("Correct ");
		String separator = "";
		for (Entry entry : entries) {
			description.append('\n');
			if (entry.property() != null) {
				description.append("    Property: ").append(entry.property()).append('\n');
				if (entry.value() != null) {
					description.append("    Value: \"").append(entry.value()).append("\"\n");
				}
				if (entry.origin() != null) {
					description.append("    Origin: ").append(entry.origin()).append('\n');
				}
				action.append(separator)
					.append(entry.property())
					.append(" (environment variable ")
					.append(variable(entry.property()))
					.append(')');
				separator = ", ";
			}
			description.append("    Reason: ").append(entry.reason()).append('\n');
		}
		action.append(" in ./config/application.yml or the environment, or remove it to use the default.");
		return new FailureAnalysis(description.toString(), action.toString(), cause);
	}

	/**
	 * @param objectName where the bound object lives, e.g. {@code sockets}
	 * @param field the field path, e.g. {@code chat.tcp.maxLineLength} or
	 * {@code listeners[chat-tls].service}
	 * @return the property as written in YAML, e.g.
	 * {@code sockets.chat.tcp.max-line-length}
	 */
	static String property(String objectName, String field) {
		StringBuilder dashed = new StringBuilder(objectName.length() + field.length() + 8).append(objectName)
			.append('.');
		for (char c : field.toCharArray()) {
			if (Character.isUpperCase(c)) {
				dashed.append('-').append(Character.toLowerCase(c));
			}
			else if (c == '[') {
				dashed.append('.');
			}
			else if (c != ']') {
				dashed.append(c);
			}
		}
		return dashed.toString();
	}

	static String variable(String property) {
		return property.replace("-", "").replace('.', '_').toUpperCase(Locale.ROOT);
	}

	/**
	 * One bad property.
	 *
	 * @param property the property, or null for a problem no property names
	 * @param value the value given, or null
	 * @param origin where the value came from, or null
	 * @param reason what is wrong
	 */
	record Entry(String property, Object value, Origin origin, String reason) {
	}

}
