package dev.sockets.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.api.Assumptions;

import static org.assertj.core.api.Assertions.fail;

/**
 * The Kubernetes manifests as {@code kubectl kustomize} renders them, loaded into
 * fabric8's Kubernetes model. Where kubectl is not installed the calling test is skipped,
 * saying so.
 */
public final class Manifests {

	private static final ObjectMapper YAML = new YAMLMapper(new YAMLFactory());

	private static final ObjectMapper JSON = JsonMapper.builder().build();

	private final List<JsonNode> documents;

	private Manifests(List<JsonNode> documents) {
		this.documents = documents;
	}

	/**
	 * @param kustomization a directory holding a kustomization, e.g.
	 * {@code deploy/kubernetes}
	 */
	public static Manifests render(String kustomization) {
		Path kubectl = locateKubectl();
		try {
			String out = ProcessOutput.runForOutput(new ProcessBuilder(kubectl.toString(), "kustomize", kustomization),
					Duration.ofSeconds(60));
			List<JsonNode> documents = new ArrayList<>();
			try (var parser = YAML.getFactory().createParser(out)) {
				YAML.readValues(parser, JsonNode.class).forEachRemaining((document) -> {
					if (document != null && !document.isNull()) {
						documents.add(document);
					}
				});
			}
			return new Manifests(documents);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Path locateKubectl() {
		for (String directory : System.getenv().getOrDefault("PATH", "").split(":")) {
			Path candidate = Path.of(directory, "kubectl");
			if (Files.isExecutable(candidate)) {
				return candidate;
			}
		}
		Assumptions.abort("kubectl is not installed: the manifests cannot be rendered with kustomize");
		return null;
	}

	public List<String> kinds() {
		return this.documents.stream().map((document) -> document.path("kind").asText()).toList();
	}

	public Deployment deployment() {
		return one("Deployment", Deployment.class);
	}

	public Service service() {
		return one("Service", Service.class);
	}

	/**
	 * @return every Service
	 */
	public List<Service> services() {
		return this.documents.stream()
			.filter((document) -> "Service".equals(document.path("kind").asText()))
			.map((document) -> JSON.convertValue(document, Service.class))
			.toList();
	}

	public ConfigMap configMap() {
		return one("ConfigMap", ConfigMap.class);
	}

	/**
	 * @param name the ConfigMap's name before kustomize adds its content hash
	 */
	public ConfigMap configMap(String name) {
		List<ConfigMap> named = this.documents.stream()
			.filter((document) -> "ConfigMap".equals(document.path("kind").asText()))
			.map((document) -> JSON.convertValue(document, ConfigMap.class))
			.filter((configMap) -> configMap.getMetadata().getName().startsWith(name + "-"))
			.toList();
		return (named.size() == 1) ? named.get(0) : fail(named.size() + " ConfigMaps named " + name + "; expected one");
	}

	public PodDisruptionBudget podDisruptionBudget() {
		return one("PodDisruptionBudget", PodDisruptionBudget.class);
	}

	public GenericKubernetesResource resource(String kind) {
		return one(kind, GenericKubernetesResource.class);
	}

	private <T> T one(String kind, Class<T> type) {
		List<JsonNode> matches = this.documents.stream()
			.filter((document) -> kind.equals(document.path("kind").asText()))
			.toList();
		if (matches.size() != 1) {
			return fail(matches.size() + " " + kind + " manifests; expected one");
		}
		return JSON.convertValue(matches.get(0), type);
	}

}
