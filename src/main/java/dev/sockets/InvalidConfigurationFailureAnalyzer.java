package dev.sockets;

import java.util.Locale;

import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.origin.Origin;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

/**
 * Reports invalid configuration the way an operator writes it: each bad property in its YAML form
 * ({@code sockets.chat.tcp.max-line-length}) and its environment form
 * ({@code SOCKETS_CHAT_TCP_MAXLINELENGTH}), with the value given and what is wrong with it.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
class InvalidConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<BindValidationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, BindValidationException cause) {
		StringBuilder description = new StringBuilder("Invalid configuration:\n");
		StringBuilder action = new StringBuilder("Correct ");
		String separator = "";
		for (ObjectError error : cause.getValidationErrors().getAllErrors()) {
			description.append('\n');
			if (error instanceof FieldError field) {
				String property = field.getObjectName() + "." + dashed(field.getField());
				description.append("    Property: ").append(property).append('\n');
				description.append("    Value: \"").append(field.getRejectedValue()).append("\"\n");
				Origin origin = Origin.from(field);
				if (origin != null) {
					description.append("    Origin: ").append(origin).append('\n');
				}
				action.append(separator).append(property).append(" (environment variable ")
					.append(property.replace("-", "").replace('.', '_').toUpperCase(Locale.ROOT)).append(')');
				separator = ", ";
			}
			description.append("    Reason: ").append(error.getDefaultMessage()).append('\n');
		}
		action.append(" in ./config/application.yml or the environment, or remove it to use the default.");
		return new FailureAnalysis(description.toString(), action.toString(), cause);
	}

	private static String dashed(String path) {
		StringBuilder dashed = new StringBuilder(path.length() + 8);
		for (char c : path.toCharArray()) {
			if (Character.isUpperCase(c)) {
				dashed.append('-').append(Character.toLowerCase(c));
			}
			else {
				dashed.append(c);
			}
		}
		return dashed.toString();
	}

}
