package dev.sockets;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import jakarta.validation.Validation;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.validation.ValidationBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;

import dev.sockets.chat.ChatProperties;
import dev.sockets.support.Actuator;
import dev.sockets.support.Manifests;
import dev.sockets.support.SocketsTest;
import dev.sockets.listener.ListenerId;
import dev.sockets.config.SocketsProperties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kubernetes manifests, rendered by kustomize and loaded with fabric8's model, checked against
 * the application they deploy.
 */
@SocketsTest
class KubernetesManifestsTest {

	@LocalManagementPort
	int managementPort;

	private final Manifests manifests = Manifests.render("deploy/kubernetes");

	private Container container() {
		List<Container> containers = podSpec().getContainers();
		assertThat(containers).hasSize(1);
		return containers.get(0);
	}

	private PodSpec podSpec() {
		return this.manifests.deployment().getSpec().getTemplate().getSpec();
	}

	private String applicationYml() {
		ConfigMap configMap = this.manifests.configMap();
		assertThat(configMap.getData()).containsKey("application.yml");
		return configMap.getData().get("application.yml");
	}

	private List<PropertySource<?>> configMapProperties() throws IOException {
		return new YamlPropertySourceLoader().load("configmap",
				new ByteArrayResource(applicationYml().getBytes(StandardCharsets.UTF_8)));
	}

	private SocketsProperties boundSocketsProperties() throws IOException {
		Binder binder = new Binder(ConfigurationPropertySources.from(configMapProperties()));
		SpringValidatorAdapter validator = new SpringValidatorAdapter(
				Validation.buildDefaultValidatorFactory().getValidator());
		return binder.bindOrCreate("sockets", Bindable.of(SocketsProperties.class),
				new ValidationBindHandler(validator));
	}

	private static Set<String> portsAndProtocols(Map<ListenerId, Integer> ports) {
		return ports.entrySet()
			.stream()
			.map((entry) -> entry.getValue() + "/" + entry.getKey().protocol().name())
			.collect(Collectors.toCollection(TreeSet::new));
	}

	@Test
	void rendersTheServiceItsConfigurationAndItsDisruptionBudget() {
		assertThat(this.manifests.kinds()).containsExactlyInAnyOrder("ConfigMap", "Service", "Deployment",
				"PodDisruptionBudget");
	}

	@Test
	void containerPortsServicePortsAndConfiguredListenersAgree() throws IOException {
		SocketsProperties sockets = boundSocketsProperties();
		Map<ListenerId, Integer> configured = new HashMap<>();
		sockets.tcpListeners().forEach((id, listener) -> configured.put(id, listener.port()));
		sockets.udpListeners().forEach((id, listener) -> configured.put(id, listener.port()));
		Set<String> expected = portsAndProtocols(configured);

		Set<String> containerPorts = container().getPorts()
			.stream()
			.filter((port) -> !"management".equals(port.getName()))
			.map((port) -> port.getContainerPort() + "/" + port.getProtocol())
			.collect(Collectors.toCollection(TreeSet::new));
		Service service = this.manifests.service();
		Set<String> servicePorts = service.getSpec()
			.getPorts()
			.stream()
			.map((port) -> port.getPort() + "/" + port.getProtocol())
			.collect(Collectors.toCollection(TreeSet::new));
		assertThat(containerPorts).isEqualTo(expected);
		assertThat(servicePorts).isEqualTo(expected);
		for (var port : service.getSpec().getPorts()) {
			ContainerPort target = container().getPorts()
				.stream()
				.filter((candidate) -> candidate.getName().equals(port.getTargetPort().getStrVal()))
				.findFirst()
				.orElseThrow(() -> new AssertionError("no container port named " + port.getTargetPort()));
			assertThat(target.getProtocol()).isEqualTo(port.getProtocol());
			assertThat(target.getContainerPort()).isEqualTo(port.getPort());
		}
		for (String name : List.of("time-tcp", "time-udp", "echo-tcp", "echo-udp", "chat-tcp")) {
			ListenerId id = configured.keySet()
				.stream()
				.filter((listener) -> (listener.service() + "-" + listener.protocol().id()).equals(name))
				.findFirst()
				.orElseThrow();
			assertThat(container().getPorts()).anySatisfy((port) -> {
				assertThat(port.getName()).isEqualTo(name);
				assertThat(port.getContainerPort()).isEqualTo(configured.get(id));
			});
		}
	}

	@Test
	void probesAskTheManagementServerForPathsItServes() throws IOException {
		Binder binder = new Binder(ConfigurationPropertySources.from(configMapProperties()));
		int managementPort = binder.bind("management.server.port", Integer.class).orElse(8081);
		ContainerPort management = container().getPorts()
			.stream()
			.filter((port) -> "management".equals(port.getName()))
			.findFirst()
			.orElseThrow();
		assertThat(management.getContainerPort()).isEqualTo(managementPort);
		Actuator actuator = new Actuator(this.managementPort);
		for (Probe probe : List.of(container().getStartupProbe(), container().getLivenessProbe(),
				container().getReadinessProbe())) {
			assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("management");
			assertThat(actuator.get(probe.getHttpGet().getPath()).status()).as(probe.getHttpGet().getPath())
				.isEqualTo(200);
		}
		assertThat(container().getLivenessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/liveness");
		assertThat(container().getReadinessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/readiness");
	}

	@Test
	void theConfigMapBindsCleanlyWithOnlyKnownProperties() throws IOException {
		SocketsProperties sockets = boundSocketsProperties();
		assertThat(sockets.chat().tcp().port()).isPositive();
		Set<String> known = new HashSet<>();
		try (InputStream metadata = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			for (JsonNode property : JsonMapper.shared().readTree(metadata).get("properties")) {
				known.add(property.get("name").asString());
			}
		}
		for (PropertySource<?> source : configMapProperties()) {
			for (String name : ((EnumerablePropertySource<?>) source).getPropertyNames()) {
				if (name.startsWith("sockets.")) {
					assertThat(known).as("a property the application knows").contains(name);
				}
			}
		}
		ConfigMap configMap = this.manifests.configMap();
		assertThat(podSpec().getVolumes()).anySatisfy((volume) -> {
			assertThat(volume.getConfigMap()).isNotNull();
			assertThat(volume.getConfigMap().getName()).isEqualTo(configMap.getMetadata().getName());
			assertThat(container().getVolumeMounts()).anySatisfy((mount) -> {
				assertThat(mount.getName()).isEqualTo(volume.getName());
				// Spring Boot reads config/application.yml from the working directory, /application.
				assertThat(mount.getMountPath()).isEqualTo("/application/config");
			});
		});
	}

	@Test
	void thePodRunsLockedDownWithAWritableTmp() {
		assertThat(podSpec().getSecurityContext().getRunAsNonRoot()).isTrue();
		assertThat(podSpec().getSecurityContext().getRunAsUser()).isPositive();
		assertThat(container().getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
		assertThat(container().getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
		assertThat(container().getSecurityContext().getCapabilities().getDrop()).contains("ALL");
		assertThat(podSpec().getVolumes()).anySatisfy((volume) -> {
			assertThat(volume.getEmptyDir()).isNotNull();
			assertThat(container().getVolumeMounts()).anySatisfy((mount) -> {
				assertThat(mount.getName()).isEqualTo(volume.getName());
				assertThat(mount.getMountPath()).isEqualTo("/tmp");
			});
		});
		assertThat(container().getResources().getRequests()).containsKeys("cpu", "memory");
		assertThat(container().getResources().getLimits()).containsKeys("cpu", "memory");
	}

	@Test
	void thePodGetsLongerToStopThanTheServiceTakes() throws IOException {
		List<String> preStop = container().getLifecycle().getPreStop().getExec().getCommand();
		assertThat(preStop).hasSize(2).first().isEqualTo("sleep");
		long preStopSeconds = Long.parseLong(preStop.get(1));
		Duration shutdown = boundSocketsProperties().shutdownTimeout().plus(SocketsApplication.SHUTDOWN_MARGIN);
		assertThat(podSpec().getTerminationGracePeriodSeconds())
			.isGreaterThanOrEqualTo(preStopSeconds + shutdown.toSeconds());
	}

	@Test
	void selectorsFindThePods() {
		Map<String, String> podLabels = this.manifests.deployment().getSpec().getTemplate().getMetadata().getLabels();
		assertThat(podLabels).containsAllEntriesOf(this.manifests.deployment().getSpec().getSelector().getMatchLabels());
		assertThat(podLabels).containsAllEntriesOf(this.manifests.service().getSpec().getSelector());
		assertThat(podLabels)
			.containsAllEntriesOf(this.manifests.podDisruptionBudget().getSpec().getSelector().getMatchLabels());
		assertThat(this.manifests.podDisruptionBudget().getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
	}

	@Test
	void theImageExposesTheContainerPorts() throws IOException {
		Matcher expose = Pattern.compile("(?m)^EXPOSE (.+)$")
			.matcher(Files.readString(Path.of("deploy", "docker", "Dockerfile")));
		assertThat(expose.find()).isTrue();
		Set<String> exposed = new TreeSet<>(List.of(expose.group(1).trim().toUpperCase().split("\\s+")));
		Set<String> declared = container().getPorts()
			.stream()
			.map((port) -> port.getContainerPort() + "/" + port.getProtocol())
			.collect(Collectors.toCollection(TreeSet::new));
		assertThat(exposed).isEqualTo(declared);
	}

	@Test
	void theMonitoringOverlayScrapesTheManagementPortAndLoadsTheAlertRules() throws IOException {
		Manifests monitored = Manifests.render("deploy/kubernetes/overlays/monitoring");
		assertThat(monitored.kinds()).contains("Deployment", "PodMonitor", "PrometheusRule");
		GenericKubernetesResource podMonitor = monitored.resource("PodMonitor");
		@SuppressWarnings("unchecked")
		Map<String, Object> spec = (Map<String, Object>) podMonitor.getAdditionalProperties().get("spec");
		assertThat(spec.toString()).contains("port=management", "path=/actuator/prometheus");
		GenericKubernetesResource rule = monitored.resource("PrometheusRule");
		Object groups = ((Map<?, ?>) rule.getAdditionalProperties().get("spec")).get("groups");
		Object alerts = new org.yaml.snakeyaml.Yaml()
			.<Map<String, Object>>load(Files.readString(Path.of("deploy", "prometheus", "sockets-alerts.yml")))
			.get("groups");
		assertThat(groups).as("the PrometheusRule holds the alert rules of deploy/prometheus").isEqualTo(alerts);
	}

	@Test
	void theClusterOverlayRunsThreeReplicasOnOneRedis() {
		Manifests clustered = Manifests.render("deploy/kubernetes/overlays/cluster");
		Deployment deployment = clustered.deployment();
		assertThat(deployment.getSpec().getReplicas()).isEqualTo(3);
		Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
		ConfigMap redis = clustered.configMap("sockets-redis");
		assertThat(container.getEnvFrom()).anySatisfy((source) -> {
			assertThat(source.getConfigMapRef()).isNotNull();
			assertThat(source.getConfigMapRef().getName()).isEqualTo(redis.getMetadata().getName());
		});
		assertThat(container.getEnvFrom()).anySatisfy((source) -> {
			assertThat(source.getSecretRef()).isNotNull();
			assertThat(source.getSecretRef().getName()).isEqualTo("sockets-redis-auth");
			assertThat(source.getSecretRef().getOptional()).as("a Redis without a password needs no Secret").isTrue();
		});
		// What the container's environment means to the application, bound as Spring Boot binds it.
		Map<String, Object> environment = new HashMap<>(redis.getData());
		container.getEnv().forEach((variable) -> environment.put(variable.getName(), variable.getValue()));
		Binder binder = new Binder(ConfigurationPropertySources
			.from(new SystemEnvironmentPropertySource("pod", environment)));
		assertThat(binder.bind("sockets.chat.cluster", ChatProperties.Cluster.class).get())
			.isEqualTo(ChatProperties.Cluster.REDIS);
		assertThat(binder.bind("spring.data.redis.host", String.class).get()).isNotBlank();
		assertThat(binder.bind("spring.data.redis.port", Integer.class).get()).isBetween(1, 65535);
		// The base's configuration and probes are still there.
		assertThat(clustered.configMap("sockets-config").getData()).containsKey("application.yml");
		assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/readiness");
	}

}
