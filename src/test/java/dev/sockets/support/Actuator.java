package dev.sockets.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.DoublePredicate;

import org.awaitility.Awaitility;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The management server over real HTTP, as Prometheus, a kubelet or an operator's curl
 * reach it.
 */
public final class Actuator {

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String host;

	private final int port;

	public Actuator(int port) {
		this("127.0.0.1", port);
	}

	public Actuator(String host, int port) {
		this.host = host;
		this.port = port;
	}

	public Response get(String path) {
		return send(request(path).GET().build());
	}

	public Response delete(String path) {
		return send(request(path).DELETE().build());
	}

	/**
	 * Posts a JSON document, as {@code curl -H 'Content-Type: application/json' -d} does.
	 */
	public Response post(String path, String json) {
		return send(request(path).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build());
	}

	/**
	 * @return {@code /actuator/prometheus} in the Prometheus text format
	 */
	public Scrape scrape() {
		Response response = send(
				request("/actuator/prometheus").header("Accept", "text/plain;version=0.0.4").GET().build());
		if (response.status() != 200) {
			throw new IllegalStateException("Scrape failed: " + response);
		}
		return new Scrape(response.body());
	}

	/**
	 * Scrapes until a series has the expected value.
	 * @param labels label names and values, alternating
	 */
	public void awaitValue(String name, double expected, String... labels) {
		Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(scrape().value(name, labels)).as(name).isEqualTo(expected));
	}

	/**
	 * Scrapes until a series has grown by an amount since an earlier scrape.
	 * @param labels label names and values, alternating
	 */
	public void awaitIncrease(Scrape before, String name, double increase, String... labels) {
		awaitValue(name, before.value(name, labels) + increase, labels);
	}

	/**
	 * Scrapes until a series meets a condition.
	 * @return the value that met it
	 */
	public double awaitValue(String name, DoublePredicate condition, String... labels) {
		return Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.until(() -> scrape().value(name, labels), condition::test);
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://" + this.host + ":" + this.port + path))
			.timeout(Duration.ofSeconds(10));
	}

	private Response send(HttpRequest request) {
		try {
			HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
			return new Response(response.statusCode(), response.body());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * An HTTP response.
	 *
	 * @param status its status code
	 * @param body its body
	 */
	public record Response(int status, String body) {
	}

}
