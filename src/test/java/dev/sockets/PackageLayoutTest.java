package dev.sockets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The layout a newcomer reads from the folder names, kept by the build: the listener API
 * at the bottom, services that know nothing of sockets, transports that know nothing of
 * services, one package that wires the two, and no package importing one that imports it
 * back.
 */
class PackageLayoutTest {

	private static final Path SOURCES = Path.of("src", "main", "java");

	private static final Pattern IMPORT = Pattern.compile("^import (?:static )?([\\w.]+);", Pattern.MULTILINE);

	/** Each package and the packages (of this project and others) its classes import. */
	private static final Map<String, Set<String>> imports = new TreeMap<>();

	@BeforeAll
	static void readImports() throws IOException {
		try (Stream<Path> files = Files.walk(SOURCES)) {
			for (Path file : files.filter((path) -> path.toString().endsWith(".java")).toList()) {
				String pkg = SOURCES.relativize(file.getParent()).toString().replace('/', '.');
				Set<String> imported = imports.computeIfAbsent(pkg, (ignored) -> new TreeSet<>());
				Matcher matcher = IMPORT.matcher(Files.readString(file));
				while (matcher.find()) {
					imported.add(packageOf(matcher.group(1)));
				}
			}
		}
	}

	/**
	 * @return the package of an imported class (or of a class's nested class, or static
	 * member)
	 */
	private static String packageOf(String name) {
		String[] parts = name.split("\\.");
		StringBuilder pkg = new StringBuilder();
		for (String part : parts) {
			if (Character.isUpperCase(part.charAt(0))) {
				break;
			}
			pkg.append(pkg.isEmpty() ? "" : ".").append(part);
		}
		return pkg.toString();
	}

	private static Set<String> project(String pkg) {
		Set<String> own = new TreeSet<>();
		for (String imported : imports.getOrDefault(pkg, Set.of())) {
			if (imported.startsWith("dev.sockets") && !imported.equals(pkg)) {
				own.add(imported);
			}
		}
		return own;
	}

	@Test
	void noPackageImportsOneThatImportsItBack() {
		for (String pkg : imports.keySet()) {
			for (String imported : project(pkg)) {
				assertThat(reachable(imported)).as("%s imports %s, which leads back to it", pkg, imported)
					.doesNotContain(pkg);
			}
		}
	}

	private static Set<String> reachable(String from) {
		Set<String> seen = new HashSet<>();
		Deque<String> next = new ArrayDeque<>(List.of(from));
		while (!next.isEmpty()) {
			for (String imported : project(next.pop())) {
				if (seen.add(imported)) {
					next.push(imported);
				}
			}
		}
		return seen;
	}

	@Test
	void theListenerApiIsAtTheBottom() {
		assertThat(project("dev.sockets.listener")).isEmpty();
	}

	@Test
	void servicesAreJavaWithoutSocketsOrIntegrationTypes() {
		for (String service : List.of("dev.sockets.time", "dev.sockets.echo", "dev.sockets.chat")) {
			assertThat(imports.get(service)).as(service)
				.noneMatch((imported) -> imported.startsWith("io.netty")
						|| imported.startsWith("org.springframework.integration")
						|| imported.startsWith("dev.sockets.tcp") || imported.startsWith("dev.sockets.udp")
						|| imported.startsWith("dev.sockets.flows") || imported.startsWith("dev.sockets.cluster"));
		}
	}

	@Test
	void transportsKnowNoService() {
		for (String transport : List.of("dev.sockets.tcp", "dev.sockets.udp")) {
			assertThat(project(transport)).as(transport)
				.doesNotContain("dev.sockets.chat", "dev.sockets.echo", "dev.sockets.flows");
		}
	}

	@Test
	void onlyTheFlowsSeeBothServicesAndTransports() {
		for (String pkg : imports.keySet()) {
			Set<String> seen = project(pkg);
			boolean services = seen.stream().anyMatch((imported) -> imported.matches("dev\\.sockets\\.(echo|chat)"));
			boolean transports = seen.stream().anyMatch((imported) -> imported.matches("dev\\.sockets\\.(tcp|udp)"));
			if (services && transports) {
				assertThat(pkg).isEqualTo("dev.sockets.flows");
			}
		}
	}

	@Test
	void observabilityReadsTheListenerApiNeverATransport() {
		assertThat(project("dev.sockets.observability")).contains("dev.sockets.listener")
			.doesNotContain("dev.sockets.tcp", "dev.sockets.udp", "dev.sockets.flows");
	}

}
