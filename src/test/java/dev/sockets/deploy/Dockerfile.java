package dev.sockets.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.json.JsonMapper;

/**
 * What {@code deploy/docker/Dockerfile} says, read so tests can do what it does.
 */
record Dockerfile(List<String> extractCommand, List<String> layers, String workdir, List<String> trainingCommand,
		String user, List<String> entrypoint) {

	static final Path PATH = Path.of("deploy", "docker", "Dockerfile");

	static Dockerfile read() throws IOException {
		String text = Files.readString(PATH);
		Matcher extract = Pattern.compile("(?m)^RUN (java -Djarmode=tools .*)$").matcher(text);
		if (!extract.find()) {
			throw new AssertionError("No layer extraction in " + PATH);
		}
		List<String> layers = new ArrayList<>();
		Matcher copy = Pattern.compile("(?m)^COPY --from=build /build/extracted/([^/]+)/ \\./$").matcher(text);
		while (copy.find()) {
			layers.add(copy.group(1));
		}
		Matcher workdirs = Pattern.compile("(?m)^WORKDIR (\\S+)$").matcher(text);
		String workdir = null;
		while (workdirs.find()) {
			workdir = workdirs.group(1);
		}
		Matcher training = Pattern.compile("(?m)^RUN (java -XX:AOTCacheOutput=.*)$").matcher(text);
		if (!training.find()) {
			throw new AssertionError("No training run for an AOT cache in " + PATH);
		}
		Matcher user = Pattern.compile("(?m)^USER (\\S+)$").matcher(text);
		Matcher entrypoint = Pattern.compile("(?m)^ENTRYPOINT (\\[.*\\])$").matcher(text);
		if (!user.find() || !entrypoint.find()) {
			throw new AssertionError("No USER or ENTRYPOINT in " + PATH);
		}
		return new Dockerfile(Arrays.asList(extract.group(1).split("\\s+")), layers, workdir,
				Arrays.asList(training.group(1).split("\\s+")), user.group(1),
				Arrays.asList(JsonMapper.shared().readValue(entrypoint.group(1), String[].class)));
	}

	/**
	 * @return the entrypoint's arguments after {@code java}
	 */
	List<String> javaArguments() {
		if (!"java".equals(this.entrypoint.get(0))) {
			throw new AssertionError("ENTRYPOINT does not start java: " + this.entrypoint);
		}
		return this.entrypoint.subList(1, this.entrypoint.size());
	}

}
