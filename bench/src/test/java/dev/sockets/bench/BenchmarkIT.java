package dev.sockets.bench;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import dev.sockets.support.InstalledProgram;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmark, end to end: smoke-sized in every build so that it keeps working,
 * full-sized with {@code ./mvnw -Pbench verify}. It checks that every scenario ran and
 * that nothing was lost; how fast the servers were is for the report to say, not for a
 * test on a shared machine to judge.
 */
class BenchmarkIT {

	@Test
	void runsEveryScenarioAgainstBothServersAndWritesTheReport() throws IOException {
		Size size = Size.named(System.getProperty("bench.size", "smoke"));
		Path output = Path.of("target", "bench");
		Report report = Benchmark.run(size, output);
		System.out.println(report.markdown());

		assertThat(report.failures()).as("scenarios that failed").isEmpty();
		assertThat(output.resolve("report.md")).content().contains("| scenario | measure | service | reference |");
		assertThat(output.resolve("latency.svg")).content().startsWith("<svg").contains("service", "reference");
		if (System.getProperty("bench.scenarios", "").isBlank()) {
			assertThat(report.rows()).extracting(Row::scenario)
				.anyMatch((scenario) -> scenario.startsWith("Echo flood"))
				.anyMatch((scenario) -> scenario.startsWith("Echo at"))
				.anyMatch((scenario) -> scenario.contains("connections held, 1 line/s"))
				.anyMatch((scenario) -> scenario.contains("connections held from"))
				.anyMatch((scenario) -> scenario.startsWith("Chat, " + size.bigChatMembers() + " members"))
				.anyMatch((scenario) -> scenario.contains("AOT cache"))
				.anyMatch((scenario) -> scenario.startsWith("Chat"))
				.anyMatch((scenario) -> scenario.startsWith("UDP echo"))
				.anyMatch((scenario) -> scenario.startsWith("Time"));
			if (InstalledProgram.installed("redis-server") || System.getenv("CI") != null) {
				assertThat(report.rows()).extracting(Row::scenario)
					.anyMatch((scenario) -> scenario.startsWith("Chat across 2 instances"));
			}
		}
		for (Row row : report.rows()) {
			if (row.measure().contains("lost") && !row.unit().equals("%")) {
				assertThat(row.service()).as("service: %s %s", row.scenario(), row.measure()).isZero();
				assertThat(row.reference()).as("reference: %s %s", row.scenario(), row.measure()).isZero();
			}
			if (row.unit().equals("per second") && !Double.isNaN(row.reference())) {
				assertThat(row.service()).as("service: %s %s", row.scenario(), row.measure()).isPositive();
				assertThat(row.reference()).as("reference: %s %s", row.scenario(), row.measure()).isPositive();
			}
			if (row.measure().equals("failed")) {
				assertThat(row.service()).as("service: %s", row.scenario()).isZero();
			}
		}
	}

}
