package dev.sockets.tcp;

import java.util.List;

import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.SslOptions;

import dev.sockets.config.ListenerSslProperties;
import dev.sockets.listener.ListenerId;

/**
 * A listener's TLS: a Netty {@link SslContext} built from a Spring Boot SSL bundle, and
 * built again whenever the bundle is reloaded (new certificate files), so new connections
 * get the new certificate without a restart while open ones keep theirs.
 */
public final class ListenerTls {

	private static final Log logger = LogFactory.getLog(ListenerTls.class);

	private final ListenerSslProperties settings;

	private volatile SslContext context;

	public ListenerTls(ListenerId listener, SslBundles bundles, ListenerSslProperties settings) {
		this.settings = settings;
		this.context = build(bundles.getBundle(settings.bundle()), settings.clientAuth());
		bundles.addBundleUpdateHandler(settings.bundle(), (bundle) -> {
			this.context = build(bundle, settings.clientAuth());
			logger.info(listener + ": TLS bundle '" + settings.bundle() + "' reloaded");
		});
	}

	SslHandler newHandler(ByteBufAllocator allocator) {
		SslHandler handler = this.context.newHandler(allocator);
		handler.setHandshakeTimeoutMillis(this.settings.handshakeTimeout().toMillis());
		return handler;
	}

	ListenerSslProperties settings() {
		return this.settings;
	}

	private static SslContext build(SslBundle bundle, ListenerSslProperties.ClientAuth clientAuth) {
		try {
			SslContextBuilder builder = SslContextBuilder.forServer(bundle.getManagers().getKeyManagerFactory())
				.sslProvider(SslProvider.JDK)
				.clientAuth(switch (clientAuth) {
					case NONE -> ClientAuth.NONE;
					case WANT -> ClientAuth.OPTIONAL;
					case NEED -> ClientAuth.REQUIRE;
				});
			TrustManagerFactory trust = bundle.getManagers().getTrustManagerFactory();
			if (clientAuth != ListenerSslProperties.ClientAuth.NONE) {
				builder.trustManager(trust);
			}
			SslOptions options = bundle.getOptions();
			if (options.getEnabledProtocols() != null) {
				builder.protocols(options.getEnabledProtocols());
			}
			if (options.getCiphers() != null) {
				builder.ciphers(List.of(options.getCiphers()));
			}
			return builder.build();
		}
		catch (SSLException ex) {
			throw new IllegalStateException("Cannot use SSL bundle: " + ex.getMessage(), ex);
		}
	}

}
