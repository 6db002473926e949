package dev.sockets.config;

import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.core.convert.converter.Converter;
import org.springframework.stereotype.Component;

import dev.sockets.limits.AddressRange;

/**
 * Binds {@code allow} and {@code deny} entries; a malformed one fails startup naming the
 * property and the value.
 */
@Component
@ConfigurationPropertiesBinding
class AddressRangeConverter implements Converter<String, AddressRange> {

	@Override
	public AddressRange convert(String source) {
		return AddressRange.parse(source);
	}

}
