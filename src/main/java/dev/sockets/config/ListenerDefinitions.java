package dev.sockets.config;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import jakarta.validation.Validation;

import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.bind.validation.ValidationBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;

import dev.sockets.config.InvalidListenersException.Problem;
import dev.sockets.listener.ListenerId;
import dev.sockets.listener.Protocol;
import dev.sockets.listener.Service;

/**
 * Every listener the configuration asks for: the shorthand
 * {@code sockets.<service>.tcp|udp.*} of each service's default listeners, and the named
 * ones under {@code sockets.listeners.<name>.*}, resolved and checked together, so that
 * listeners that could not all start never get as far as binding a port.
 * <p>
 * A named listener's settings are bound strictly: a property its protocol does not have
 * (a {@code max-datagram-size} on a TCP listener, a misspelt key) stops startup, naming
 * it.
 */
public final class ListenerDefinitions {

	/**
	 * Names that are lower-case words joined by dashes, as they appear in metric tags and
	 * connection ids.
	 */
	private static final Pattern NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

	private final List<ListenerDefinition> enabled;

	private ListenerDefinitions(List<ListenerDefinition> enabled) {
		this.enabled = List.copyOf(enabled);
	}

	/**
	 * @return every enabled listener, the default ones first, then the named ones by name
	 * @throws InvalidListenersException if they cannot all be started
	 */
	public static ListenerDefinitions of(SocketsProperties sockets, ConfigurableEnvironment environment) {
		Resolver resolver = new Resolver(sockets, environment);
		resolver.shorthands();
		resolver.named();
		resolver.checkAddresses();
		if (!resolver.problems.isEmpty()) {
			throw new InvalidListenersException(resolver.problems);
		}
		return new ListenerDefinitions(resolver.enabled);
	}

	/**
	 * @return every enabled listener
	 */
	public List<ListenerDefinition> enabled() {
		return this.enabled;
	}

	/**
	 * @return the enabled listeners of a service
	 */
	public List<ListenerDefinition> of(Service service) {
		return this.enabled.stream().filter((definition) -> definition.id().service() == service).toList();
	}

	private static final class Resolver {

		private final SocketsProperties sockets;

		private final ConfigurableEnvironment environment;

		private final List<ListenerDefinition> enabled = new ArrayList<>();

		private final List<Problem> problems = new ArrayList<>();

		private final SpringValidatorAdapter validator = new SpringValidatorAdapter(
				Validation.buildDefaultValidatorFactory().getValidator());

		private final ApplicationConversionService conversion = new ApplicationConversionService();

		Resolver(SocketsProperties sockets, ConfigurableEnvironment environment) {
			this.sockets = sockets;
			this.environment = environment;
			this.conversion.addConverter(new AddressRangeConverter());
		}

		void shorthands() {
			tcp(ListenerId.shorthand(Service.TIME, "tcp", Protocol.TCP), this.sockets.time().tcp());
			udp(ListenerId.shorthand(Service.TIME, "udp", Protocol.UDP), this.sockets.time().udp());
			tcp(ListenerId.shorthand(Service.ECHO, "tcp", Protocol.TCP), this.sockets.echo().tcp());
			udp(ListenerId.shorthand(Service.ECHO, "udp", Protocol.UDP), this.sockets.echo().udp());
			tcp(ListenerId.shorthand(Service.CHAT, "tcp", Protocol.TCP), this.sockets.chat().tcp());
		}

		void named() {
			for (String name : distinct(names())) {
				ListenerKind kind = this.sockets.listeners().getOrDefault(name, new ListenerKind(null, Protocol.TCP));
				if (kind.service() == null) {
					problem("sockets.listeners." + name + ".service", null,
							"say which service it serves: time, echo or chat");
					continue;
				}
				ListenerId id = ListenerId.named(name, kind.service(), kind.protocol());
				if (!NAME.matcher(name).matches()) {
					problem(id.propertyPrefix(), null,
							"a listener's name is lower-case letters and digits, in words joined by '-'");
					continue;
				}
				if (isShorthandName(name)) {
					problem(id.propertyPrefix(), null,
							"'" + name + "' is the name of a default listener; configure it as " + shorthandPrefix(name)
									+ " or give this listener another name");
					continue;
				}
				if (kind.protocol() == Protocol.TCP) {
					tcp(id, bind(id, TcpListenerProperties.class));
				}
				else {
					udp(id, bind(id, UdpListenerProperties.class));
				}
			}
		}

		private void tcp(ListenerId id, TcpListenerProperties configured) {
			if (!check(id, configured.port())) {
				return;
			}
			TcpListenerProperties settings = configured.withServiceDefaults(id.service());
			if (id.service() == Service.CHAT && settings.framing() == Framing.RAW) {
				problem(id.property("framing"), "raw", "chat is line-based: use lf or crlf");
			}
			boolean readsLines = id.service() != Service.TIME && settings.framing() != Framing.RAW;
			if (settings.telnet() == TelnetMode.ON && !readsLines) {
				problem(id.property("telnet"), "on",
						"only line listeners speak telnet: chat, and echo with lf or crlf framing");
			}
			wireSettings(id, settings.timeFormat(), settings.greeting(), settings.replyPrefix());
			ProxyProtocolProperties proxy = settings.proxyProtocol();
			if (proxy.enabled() && proxy.trustedProxies().isEmpty()) {
				problem(id.property("proxy-protocol.trusted-proxies"), "",
						"name the proxies whose headers are believed (e.g. 10.0.0.0/8) when proxy-protocol.mode is "
								+ proxy.mode().name().toLowerCase(Locale.ROOT));
			}
			if (settings.enabled()) {
				this.enabled
					.add(new ListenerDefinition.Tcp(id, address(settings.address(), settings.port()), settings));
			}
		}

		private void udp(ListenerId id, UdpListenerProperties settings) {
			if (!check(id, settings.port())) {
				return;
			}
			if (id.service() == Service.CHAT) {
				problem(id.property("protocol"), "udp", "chat is served over TCP only");
			}
			wireSettings(id, settings.timeFormat(), null, null);
			if (settings.enabled()) {
				this.enabled
					.add(new ListenerDefinition.Udp(id, address(settings.address(), settings.port()), settings));
			}
		}

		private boolean check(ListenerId id, Integer port) {
			if (port == null) {
				problem(id.property("port"), null, "a listener needs a port (0 for one the system chooses)");
				return false;
			}
			return true;
		}

		private void wireSettings(ListenerId id, Object timeFormat, String greeting, String replyPrefix) {
			if (timeFormat != null && id.service() != Service.TIME) {
				problem(id.property("time-format"), timeFormat, "only a time listener writes the time");
			}
			if (greeting != null && id.service() != Service.ECHO) {
				problem(id.property("greeting"), greeting, "only an echo listener has a greeting of its own");
			}
			if (replyPrefix != null && id.service() != Service.ECHO) {
				problem(id.property("reply-prefix"), replyPrefix, "only an echo listener has a reply prefix");
			}
		}

		private InetSocketAddress address(InetAddress address, int port) {
			return new InetSocketAddress((address != null) ? address : this.sockets.bindAddress(), port);
		}

		/**
		 * Two listeners cannot share a protocol and port on one address, nor on a
		 * wildcard address and any other.
		 */
		void checkAddresses() {
			List<ListenerDefinition> seen = new ArrayList<>();
			for (ListenerDefinition listener : this.enabled) {
				InetSocketAddress address = listener.address();
				if (address.getPort() != 0) {
					for (ListenerDefinition other : seen) {
						if (overlap(listener, other)) {
							problem(listener.id().property("port"), address.getPort(), clash(listener, other));
							break;
						}
					}
				}
				seen.add(listener);
			}
		}

		private static boolean overlap(ListenerDefinition one, ListenerDefinition other) {
			InetSocketAddress a = one.address();
			InetSocketAddress b = other.address();
			return one.id().protocol() == other.id().protocol() && a.getPort() == b.getPort()
					&& (a.getAddress().equals(b.getAddress()) || a.getAddress().isAnyLocalAddress()
							|| b.getAddress().isAnyLocalAddress());
		}

		private static String clash(ListenerDefinition listener, ListenerDefinition other) {
			String port = listener.id().protocol().name() + " port " + listener.address().getPort();
			InetAddress here = listener.address().getAddress();
			InetAddress there = other.address().getAddress();
			if (here.equals(there)) {
				return port + " is already used by " + other.id().property("port")
						+ "; give each listener its own port";
			}
			return port + " on " + here.getHostAddress() + " overlaps " + other.id().property("port") + " on "
					+ there.getHostAddress() + (there.isAnyLocalAddress() ? " (every address)" : "")
					+ "; give each listener its own port";
		}

		private <T> T bind(ListenerId id, Class<T> type) {
			ConfigurationPropertyName prefix = ConfigurationPropertyName.of(id.propertyPrefix());
			ConfigurationPropertyName service = prefix.append("service");
			ConfigurationPropertyName protocol = prefix.append("protocol");
			// service and protocol were read already; every other key must be a setting
			// of the protocol.
			List<ConfigurationPropertySource> sources = new ArrayList<>();
			for (ConfigurationPropertySource source : ConfigurationPropertySources.get(this.environment)) {
				sources.add(source.filter((name) -> !name.equals(service) && !name.equals(protocol)));
			}
			Binder binder = new Binder(sources, new PropertySourcesPlaceholdersResolver(this.environment),
					this.conversion);
			BindHandler handler = new ValidationBindHandler(new NoUnboundElementsBindHandler(BindHandler.DEFAULT),
					this.validator);
			return binder.bindOrCreate(prefix, Bindable.of(type), handler);
		}

		private void problem(String property, Object value, String reason) {
			this.problems.add(new Problem(property, value, reason));
		}

		/**
		 * @return the name of every listener any property is set for under
		 * {@code sockets.listeners}, whether or not it says which service it serves
		 */
		private Set<String> names() {
			Set<String> names = new TreeSet<>(this.sockets.listeners().keySet());
			ConfigurationPropertyName root = ConfigurationPropertyName.of("sockets.listeners");
			for (ConfigurationPropertySource source : ConfigurationPropertySources.get(this.environment)) {
				if (source instanceof IterableConfigurationPropertySource properties) {
					for (ConfigurationPropertyName name : properties) {
						if (root.isAncestorOf(name)) {
							names.add(name.getElement(root.getNumberOfElements(),
									ConfigurationPropertyName.Form.ORIGINAL));
						}
					}
				}
			}
			return names;
		}

		/**
		 * Environment variables cannot spell a dash, so
		 * {@code SOCKETS_LISTENERS_CHATTLS_PORT} names the listener {@code chattls},
		 * which Spring Boot binds into {@code chat-tls} as well: the same listener,
		 * listed once under the name written with dashes.
		 */
		private static List<String> distinct(Set<String> names) {
			Map<String, String> byRelaxedName = new LinkedHashMap<>();
			for (String name : names) {
				String relaxed = name.replace("-", "").toLowerCase(Locale.ROOT);
				byRelaxedName.merge(relaxed, name, (one, other) -> one.contains("-") ? one : other);
			}
			return names.stream().filter(byRelaxedName::containsValue).toList();
		}

		private static boolean isShorthandName(String name) {
			return shorthandPrefix(name) != null;
		}

		private static String shorthandPrefix(String name) {
			return switch (name) {
				case "time-tcp", "time-udp", "echo-tcp", "echo-udp", "chat-tcp" -> "sockets." + name.replace('-', '.');
				default -> null;
			};
		}

	}

}
