package dev.sockets;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;

import dev.sockets.chat.ChatProperties;
import dev.sockets.config.ListenerDefinition;
import dev.sockets.config.ListenerDefinitions;
import dev.sockets.config.ProxyProtocolProperties;
import dev.sockets.config.SocketsProperties;
import dev.sockets.support.Actuator;
import dev.sockets.support.Manifests;
import dev.sockets.support.SocketsTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kubernetes manifests, rendered by kustomize and loaded with fabric8's model,
 * checked against the application they deploy.
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

	/**
	 * @return the listeners the pod's configuration asks for: {@code application.yml} of
	 * its ConfigMap, and any other file of it the container imports
	 * ({@code SPRING_CONFIG_IMPORT})
	 */
	private static ListenerDefinitions configuredListeners(Manifests manifests) throws IOException {
		ConfigMap configMap = manifests.configMap("sockets-config");
		StandardEnvironment environment = new StandardEnvironment();
		List<String> files = new ArrayList<>(List.of("application.yml"));
		Container container = manifests.deployment().getSpec().getTemplate().getSpec().getContainers().get(0);
		for (var variable : container.getEnv()) {
			if (variable.getName().equals("SPRING_CONFIG_IMPORT")) {
				String file = variable.getValue().replaceFirst("^optional:", "").replaceFirst("^file:\\./config/", "");
				assertThat(configMap.getData()).as("imported file %s is in the ConfigMap", file).containsKey(file);
				files.add(file);
			}
		}
		for (String file : files) {
			new YamlPropertySourceLoader()
				.load(file, new ByteArrayResource(configMap.getData().get(file).getBytes(StandardCharsets.UTF_8)))
				.forEach(environment.getPropertySources()::addFirst);
		}
		Binder binder = Binder.get(environment);
		SpringValidatorAdapter validator = new SpringValidatorAdapter(
				Validation.buildDefaultValidatorFactory().getValidator());
		SocketsProperties sockets = binder.bindOrCreate("sockets", Bindable.of(SocketsProperties.class),
				new ValidationBindHandler(validator));
		return ListenerDefinitions.of(sockets, environment);
	}

	/**
	 * Every configured listener has a container port of its name, number and protocol,
	 * and no other container port serves; every Service port leads to one of them.
	 */
	private static void assertPortsAgree(Manifests manifests) throws IOException {
		Container container = manifests.deployment().getSpec().getTemplate().getSpec().getContainers().get(0);
		Set<String> configured = configuredListeners(manifests).enabled()
			.stream()
			.map((listener) -> listener.id().name() + " " + listener.address().getPort() + "/"
					+ listener.id().protocol().name())
			.collect(Collectors.toCollection(TreeSet::new));
		Set<String> declared = container.getPorts()
			.stream()
			.filter((port) -> !"management".equals(port.getName()))
			.map((port) -> port.getName() + " " + port.getContainerPort() + "/" + port.getProtocol())
			.collect(Collectors.toCollection(TreeSet::new));
		assertThat(declared).as("container ports").isEqualTo(configured);
		Set<String> targeted = new TreeSet<>();
		for (Service service : manifests.services()) {
			for (var port : service.getSpec().getPorts()) {
				ContainerPort target = container.getPorts()
					.stream()
					.filter((candidate) -> candidate.getName().equals(port.getTargetPort().getStrVal()))
					.findFirst()
					.orElseThrow(() -> new AssertionError(service.getMetadata().getName() + " port " + port.getName()
							+ " targets no container port named " + port.getTargetPort().getStrVal()));
				assertThat(target.getProtocol()).as("protocol of %s", port.getName()).isEqualTo(port.getProtocol());
				targeted.add(target.getName());
			}
		}
		assertThat(targeted).as("container ports some Service reaches")
			.containsExactlyInAnyOrderElementsOf(declared.stream().map((port) -> port.split(" ")[0]).toList());
	}

	@Test
	void rendersTheServiceItsConfigurationAndItsDisruptionBudget() {
		assertThat(this.manifests.kinds()).containsExactlyInAnyOrder("ConfigMap", "Service", "Deployment",
				"PodDisruptionBudget");
	}

	@Test
	void containerPortsServicePortsAndConfiguredListenersAgree() throws IOException {
		assertPortsAgree(this.manifests);
		Service service = this.manifests.service();
		for (var port : service.getSpec().getPorts()) {
			ContainerPort target = container().getPorts()
				.stream()
				.filter((candidate) -> candidate.getName().equals(port.getTargetPort().getStrVal()))
				.findFirst()
				.orElseThrow();
			assertThat(target.getContainerPort()).as("the in-cluster Service keeps the listener's port")
				.isEqualTo(port.getPort());
		}
		assertThat(configuredListeners(this.manifests).enabled()).extracting((listener) -> listener.id().name())
			.containsExactly("time-tcp", "time-udp", "echo-tcp", "echo-udp", "chat-tcp", "chat-irc");
	}

	@Test
	void theProxyProtocolOverlayAddsListenersThatRequireTheHeaderBehindALoadBalancer() throws IOException {
		Manifests proxied = Manifests.render("deploy/kubernetes/overlays/proxy-protocol");
		assertPortsAgree(proxied);
		List<ListenerDefinition.Tcp> behind = configuredListeners(proxied).enabled()
			.stream()
			.filter((listener) -> listener instanceof ListenerDefinition.Tcp tcp
					&& tcp.settings().proxyProtocol().enabled())
			.map(ListenerDefinition.Tcp.class::cast)
			.toList();
		assertThat(behind).extracting((listener) -> listener.id().name())
			.containsExactlyInAnyOrder("time-lb", "echo-lb", "chat-lb");
		for (ListenerDefinition.Tcp listener : behind) {
			assertThat(listener.settings().proxyProtocol().mode()).isEqualTo(ProxyProtocolProperties.Mode.REQUIRED);
			assertThat(listener.settings().proxyProtocol().trustedProxies()).isNotEmpty();
		}
		Service balancer = proxied.services()
			.stream()
			.filter((service) -> "LoadBalancer".equals(service.getSpec().getType()))
			.findFirst()
			.orElseThrow();
		assertThat(balancer.getSpec().getPorts()).extracting((port) -> port.getTargetPort().getStrVal())
			.containsExactlyInAnyOrder("time-lb", "echo-lb", "chat-lb");
		assertThat(proxied.deployment().getSpec().getTemplate().getMetadata().getLabels())
			.as("the balancer selects the pods")
			.containsAllEntriesOf(balancer.getSpec().getSelector());
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
				// Spring Boot reads config/application.yml from the working directory,
				// /application.
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
		assertThat(podLabels)
			.containsAllEntriesOf(this.manifests.deployment().getSpec().getSelector().getMatchLabels());
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
		// What the container's environment means to the application, bound as Spring Boot
		// binds it.
		Map<String, Object> environment = new HashMap<>(redis.getData());
		container.getEnv().forEach((variable) -> environment.put(variable.getName(), variable.getValue()));
		Binder binder = new Binder(
				ConfigurationPropertySources.from(new SystemEnvironmentPropertySource("pod", environment)));
		assertThat(binder.bind("sockets.chat.cluster", ChatProperties.Cluster.class).get())
			.isEqualTo(ChatProperties.Cluster.REDIS);
		assertThat(binder.bind("spring.data.redis.host", String.class).get()).isNotBlank();
		assertThat(binder.bind("spring.data.redis.port", Integer.class).get()).isBetween(1, 65535);
		// The base's configuration and probes are still there.
		assertThat(clustered.configMap("sockets-config").getData()).containsKey("application.yml");
		assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/readiness");
	}

}
