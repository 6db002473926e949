package dev.sockets.support;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.convert.ApplicationConversionService;

import dev.sockets.config.TcpListenerProperties;
import dev.sockets.config.UdpListenerProperties;
import dev.sockets.limits.AddressRange;

/**
 * A listener's settings as the service would bind them from properties, for tests of the
 * parts that take them: {@code tcp("max-connections=2", "proxy-protocol.mode=required")}.
 */
public final class ListenerSettings {

	private ListenerSettings() {
	}

	public static TcpListenerProperties tcp(String... properties) {
		return binder(properties).bindOrCreate("listener", TcpListenerProperties.class);
	}

	public static UdpListenerProperties udp(String... properties) {
		return binder(properties).bindOrCreate("listener", UdpListenerProperties.class);
	}

	private static Binder binder(String... properties) {
		Map<String, String> values = new LinkedHashMap<>();
		values.put("listener.port", "0");
		for (String property : properties) {
			int equals = property.indexOf('=');
			values.put("listener." + property.substring(0, equals), property.substring(equals + 1));
		}
		ApplicationConversionService conversion = new ApplicationConversionService();
		conversion.addConverter(String.class, AddressRange.class, AddressRange::parse);
		return new Binder(List.of(new MapConfigurationPropertySource(values)), null, conversion);
	}

}
