package dev.sockets.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One scrape of the Prometheus exposition, parsed into series.
 */
public final class Scrape {

	private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)\\})?\\s+(\\S+)$");

	private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

	private final String text;

	private final List<Series> series = new ArrayList<>();

	Scrape(String text) {
		this.text = text;
		for (String line : text.split("\n")) {
			Matcher sample = SAMPLE.matcher(line.strip());
			if (line.startsWith("#") || !sample.matches()) {
				continue;
			}
			Map<String, String> labels = new LinkedHashMap<>();
			if (sample.group(3) != null) {
				Matcher label = LABEL.matcher(sample.group(3));
				while (label.find()) {
					labels.put(label.group(1), label.group(2));
				}
			}
			this.series.add(new Series(sample.group(1), labels, Double.parseDouble(sample.group(4))));
		}
	}

	/**
	 * @return the exposition as scraped
	 */
	public String text() {
		return this.text;
	}

	/**
	 * @return the names of every metric in the scrape
	 */
	public List<String> names() {
		return this.series.stream().map(Series::name).distinct().toList();
	}

	/**
	 * The value of the one series with this name and (at least) these labels.
	 * @param labels label names and values, alternating
	 * @throws AssertionError if no series or more than one matches
	 */
	public double value(String name, String... labels) {
		List<Series> matches = this.series.stream()
			.filter((series) -> series.name().equals(name) && series.has(labels))
			.toList();
		if (matches.size() != 1) {
			throw new AssertionError(matches.size() + " series match " + name + " " + String.join(",", labels));
		}
		return matches.get(0).value();
	}

	/**
	 * Every series with this name and (at least) these labels.
	 * @param labels label names and values, alternating
	 */
	public List<Series> series(String name, String... labels) {
		return this.series.stream().filter((series) -> series.name().equals(name) && series.has(labels)).toList();
	}

	/**
	 * The sum of every series with this name and (at least) these labels; 0 if there is
	 * none.
	 * @param labels label names and values, alternating
	 */
	public double sum(String name, String... labels) {
		return this.series.stream()
			.filter((series) -> series.name().equals(name) && series.has(labels))
			.mapToDouble(Series::value)
			.sum();
	}

	/**
	 * A series.
	 *
	 * @param name its metric name
	 * @param labels its labels
	 * @param value its value
	 */
	public record Series(String name, Map<String, String> labels, double value) {

		boolean has(String... pairs) {
			for (int i = 0; i + 1 < pairs.length; i += 2) {
				if (!pairs[i + 1].equals(this.labels.get(pairs[i]))) {
					return false;
				}
			}
			return true;
		}

	}

}
