package dev.sockets.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The benchmark's results: a Markdown table and an SVG picture of the latency
 * percentiles.
 */
final class Report {

	private final List<String> context;

	private final List<Row> rows;

	private final List<String> failures;

	/**
	 * @param failures the scenarios that failed, and why
	 */
	Report(List<String> context, List<Row> rows, List<String> failures) {
		this.context = List.copyOf(context);
		this.rows = List.copyOf(rows);
		this.failures = List.copyOf(failures);
	}

	List<Row> rows() {
		return this.rows;
	}

	List<String> failures() {
		return this.failures;
	}

	String markdown() {
		StringBuilder out = new StringBuilder();
		this.context.forEach((line) -> out.append(line).append("  \n"));
		out.append('\n');
		out.append(
				"| scenario | measure | service | reference | service/reference | xinetd | service/xinetd | target | met |\n");
		out.append("|---|---|---:|---:|---:|---:|---:|---|---|\n");
		for (Row row : this.rows) {
			out.append("| ")
				.append(row.scenario())
				.append(" | ")
				.append(row.measure())
				.append(" (")
				.append(row.unit())
				.append(") | ")
				.append(number(row.service()))
				.append(" | ")
				.append(number(row.reference()))
				.append(" | ")
				.append(ratio(row.ratio()))
				.append(" | ")
				.append(row.xinetdMissing() ? "not installed" : number(row.xinetd()))
				.append(" | ")
				.append(ratio(row.xinetdRatio()))
				.append(" | ")
				.append(row.target())
				.append(" | ")
				.append((row.met() == null) ? "" : row.met() ? "yes" : "**no**")
				.append(" |\n");
		}
		if (!this.failures.isEmpty()) {
			out.append("\nFailed scenarios:\n\n");
			this.failures.forEach((failure) -> out.append("- ").append(failure).append('\n'));
		}
		return out.toString();
	}

	/**
	 * Latency percentiles per scenario, service beside reference, on a logarithmic axis.
	 */
	String svg() {
		List<Row> latencies = new ArrayList<>();
		for (Row row : this.rows) {
			if ("ms".equals(row.unit()) && !Double.isNaN(row.reference())) {
				latencies.add(row);
			}
		}
		int barHeight = 14;
		int groupHeight = 2 * barHeight + 14;
		// Room for the longest label, at about 7 pixels a character.
		int left = 300;
		for (Row row : latencies) {
			left = Math.max(left, 16 + 7 * (row.scenario().length() + row.measure().length() + 1));
		}
		int width = left + 600;
		int plot = width - left - 60;
		int top = 50;
		int height = top + latencies.size() * groupHeight + 50;
		double minLog = -2;
		double maxLog = 3;
		StringBuilder svg = new StringBuilder();
		svg.append(String.format(Locale.ROOT,
				"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">%n",
				width, height));
		svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
		svg.append(String.format(Locale.ROOT,
				"<text x=\"%d\" y=\"24\" font-size=\"16\">Latency percentiles, milliseconds (log scale)</text>%n",
				left));
		svg.append(String.format(Locale.ROOT,
				"<rect x=\"%d\" y=\"32\" width=\"12\" height=\"10\" fill=\"#1f77b4\"/><text x=\"%d\" y=\"41\">service</text>%n",
				left + 360, left + 376));
		svg.append(String.format(Locale.ROOT,
				"<rect x=\"%d\" y=\"32\" width=\"12\" height=\"10\" fill=\"#aaaaaa\"/><text x=\"%d\" y=\"41\">reference</text>%n",
				left + 440, left + 456));
		for (int exponent = (int) minLog; exponent <= maxLog; exponent++) {
			double x = left + plot * (exponent - minLog) / (maxLog - minLog);
			svg.append(String.format(Locale.ROOT,
					"<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#dddddd\"/>%n", x, top, x,
					height - 40));
			svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", x,
					height - 24, number(Math.pow(10, exponent))));
		}
		int y = top;
		for (Row row : latencies) {
			svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s %s</text>%n",
					left - 8, y + barHeight + 4, escape(row.scenario()), escape(row.measure())));
			bar(svg, left, plot, minLog, maxLog, y, barHeight, row.service(), "#1f77b4");
			bar(svg, left, plot, minLog, maxLog, y + barHeight, barHeight, row.reference(), "#aaaaaa");
			y += groupHeight;
		}
		svg.append("</svg>\n");
		return svg.toString();
	}

	private static void bar(StringBuilder svg, int left, int plot, double minLog, double maxLog, int y, int height,
			double millis, String colour) {
		double log = Math.max(minLog, Math.min(maxLog, Math.log10(Math.max(millis, 1e-3))));
		double length = Math.max(1, plot * (log - minLog) / (maxLog - minLog));
		svg.append(String.format(Locale.ROOT,
				"<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/><text x=\"%.1f\" y=\"%d\">%s</text>%n",
				left, y, length, height - 2, colour, left + length + 4, y + height - 4, number(millis)));
	}

	void write(Path directory) throws IOException {
		Files.createDirectories(directory);
		Files.writeString(directory.resolve("report.md"), markdown());
		Files.writeString(directory.resolve("latency.svg"), svg());
	}

	static String number(double value) {
		if (Double.isNaN(value)) {
			return "–";
		}
		if (value == Math.rint(value) && (Math.abs(value) >= 1 || value == 0)) {
			return String.format(Locale.ROOT, "%,.0f", value);
		}
		if (Math.abs(value) >= 100) {
			return String.format(Locale.ROOT, "%,.0f", value);
		}
		if (Math.abs(value) >= 1) {
			return String.format(Locale.ROOT, "%.2f", value);
		}
		return String.format(Locale.ROOT, "%.3f", value);
	}

	private static String ratio(double ratio) {
		return Double.isNaN(ratio) ? "–" : String.format(Locale.ROOT, "%.2f×", ratio);
	}

	private static String escape(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
	}

}
