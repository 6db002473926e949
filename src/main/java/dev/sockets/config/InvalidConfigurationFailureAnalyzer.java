package dev.sockets.config;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.origin.Origin;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

/**
 * Reports a property that fails validation the way an operator writes it: in its YAML
 * form ({@code sockets.chat.tcp.max-line-length}) and its environment form
 * ({@code SOCKETS_CHAT_TCP_MAXLINELENGTH}), with the value given and what is wrong with
 * it.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
class InvalidConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<BindValidationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, BindValidationException cause) {
		List<InvalidConfigurationReport.Entry> entries = new ArrayList<>();
		for (ObjectError error : cause.getValidationErrors().getAllErrors()) {
			if (error instanceof FieldError field) {
				String property = InvalidConfigurationReport.property(field.getObjectName(), field.getField());
				entries.add(new InvalidConfigurationReport.Entry(property, field.getRejectedValue(), Origin.from(field),
						error.getDefaultMessage()));
			}
			else {
				entries.add(new InvalidConfigurationReport.Entry(null, null, null, error.getDefaultMessage()));
			}
		}
		return InvalidConfigurationReport.analysis(entries, cause);
	}

}
