package dev.sockets.config;

import java.util.List;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Reports listeners that cannot all start (two on one port, a chat that is not
 * line-based...) like any other invalid property.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
class InvalidListenersFailureAnalyzer extends AbstractFailureAnalyzer<InvalidListenersException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidListenersException cause) {
		List<InvalidConfigurationReport.Entry> entries = cause.problems()
			.stream()
			.map((problem) -> new InvalidConfigurationReport.Entry(problem.property(), problem.value(), null,
					problem.reason()))
			.toList();
		return InvalidConfigurationReport.analysis(entries, cause);
	}

}
