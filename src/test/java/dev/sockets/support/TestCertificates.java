package dev.sockets.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;
import org.springframework.util.FileSystemUtils;

/**
 * Certificates made with {@code openssl}, as an operator would make them: a certificate
 * authority, a server certificate for 127.0.0.1 signed by it, a client certificate signed
 * by it, and a client certificate signed by a rogue authority nobody trusts. Each is a
 * PEM certificate and PKCS#8 key.
 */
public final class TestCertificates {

	private static final String DAYS = "2";

	private final InstalledProgram openssl = InstalledProgram.openssl();

	private final Path directory;

	private TestCertificates(Path directory) {
		this.directory = directory;
	}

	/**
	 * Makes a fresh set in a temporary directory, deleted when the JVM exits.
	 */
	public static TestCertificates create() {
		try {
			Path directory = Files.createTempDirectory("sockets-tls");
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				try {
					FileSystemUtils.deleteRecursively(directory);
				}
				catch (IOException ex) {
					// a temporary directory; the system cleans it eventually
				}
			}));
			TestCertificates certificates = new TestCertificates(directory);
			certificates.authority("ca", "sockets test CA");
			certificates.authority("rogue-ca", "rogue CA");
			certificates.issue("server", "localhost", "ca", "subjectAltName=IP:127.0.0.1,DNS:localhost");
			certificates.issue("client", "alice", "ca", "extendedKeyUsage=clientAuth");
			certificates.issue("rogue-client", "mallory", "rogue-ca", "extendedKeyUsage=clientAuth");
			return certificates;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * @return the PEM certificate of a name: {@code ca}, {@code server}, {@code client}
	 * or {@code rogue-client}
	 */
	public Path certificate(String name) {
		return this.directory.resolve(name + ".pem");
	}

	/**
	 * @return the PEM private key of a name
	 */
	public Path key(String name) {
		return this.directory.resolve(name + ".key");
	}

	/**
	 * Issues the server a new certificate with another common name and puts it in place
	 * of the old one, key and certificate each replaced in one atomic move, as a
	 * certificate manager does.
	 */
	public void renewServer(String commonName) {
		String name = "server-renewed";
		issue(name, commonName, "ca", "subjectAltName=IP:127.0.0.1,DNS:localhost");
		move(key(name), key("server"));
		move(certificate(name), certificate("server"));
	}

	/**
	 * A client's TLS: trusting the test authority, and presenting a certificate if given
	 * one.
	 * @param name {@code client}, {@code rogue-client}, or null for no client certificate
	 */
	public SSLContext clientContext(String name) {
		PemSslStoreDetails keyStore = (name != null)
				? PemSslStoreDetails.forCertificate(uri(certificate(name))).withPrivateKey(uri(key(name))) : null;
		PemSslStoreDetails trustStore = PemSslStoreDetails.forCertificate(uri(certificate("ca")));
		return SslBundle.of(new PemSslStoreBundle(keyStore, trustStore)).createSslContext();
	}

	/**
	 * @return trust in the test authority alone, for clients that take a trust manager
	 */
	public TrustManagerFactory trustManagerFactory() {
		PemSslStoreDetails trustStore = PemSslStoreDetails.forCertificate(uri(certificate("ca")));
		return SslBundle.of(new PemSslStoreBundle(null, trustStore)).getManagers().getTrustManagerFactory();
	}

	private void authority(String name, String commonName) {
		this.openssl.runSuccessfully("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
				"-keyout", key(name).toString(), "-out", certificate(name).toString(), "-days", DAYS, "-subj",
				"/CN=" + commonName);
	}

	private void issue(String name, String commonName, String authority, String extension) {
		Path request = this.directory.resolve(name + ".csr");
		this.openssl.runSuccessfully("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout",
				key(name).toString(), "-out", request.toString(), "-subj", "/CN=" + commonName, "-addext", extension);
		this.openssl.runSuccessfully("x509", "-req", "-in", request.toString(), "-CA",
				certificate(authority).toString(), "-CAkey", key(authority).toString(), "-set_serial",
				String.valueOf(System.nanoTime()), "-days", DAYS, "-copy_extensions", "copyall", "-out",
				certificate(name).toString());
	}

	private static String uri(Path path) {
		return path.toUri().toString();
	}

	private static void move(Path from, Path to) {
		try {
			Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
