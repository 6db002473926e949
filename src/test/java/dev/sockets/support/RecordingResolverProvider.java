package dev.sockets.support;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.spi.InetAddressResolver;
import java.net.spi.InetAddressResolverProvider;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * The JVM's name resolution in the tests, recording every host name it is asked to look
 * up, so a test can prove that something never asks DNS. It resolves as the built-in
 * resolver does.
 */
public final class RecordingResolverProvider extends InetAddressResolverProvider {

	private static final List<String> lookups = new CopyOnWriteArrayList<>();

	/**
	 * @return every host name looked up in this JVM so far
	 */
	public static List<String> lookups() {
		return List.copyOf(lookups);
	}

	@Override
	public InetAddressResolver get(Configuration configuration) {
		InetAddressResolver builtin = configuration.builtinResolver();
		return new InetAddressResolver() {

			@Override
			public Stream<InetAddress> lookupByName(String host, LookupPolicy policy) throws UnknownHostException {
				lookups.add(host);
				return builtin.lookupByName(host, policy);
			}

			@Override
			public String lookupByAddress(byte[] address) throws UnknownHostException {
				return builtin.lookupByAddress(address);
			}

		};
	}

	@Override
	public String name() {
		return "recording";
	}

}
