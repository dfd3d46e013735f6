package org.gatehouse.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * The operator's view of the actuator: {@link IntegrationTest} sets {@link #TOKEN} as
 * {@code gatehouse.metrics.token}, and {@link #scrape} reads {@code /actuator/prometheus} with it,
 * as a Prometheus server configured with that bearer token would.
 */
public final class OperatorMetrics {

	public static final String TOKEN = "test-metrics-token-0123456789abcdef0123456789";

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private OperatorMetrics() {
	}

	/** The Prometheus text, read with the operator's token; fails unless it answers 200. */
	public static String scrape(Api api) {
		HttpResponse<String> answer = get(api, "/actuator/prometheus", TOKEN);
		if (answer.statusCode() != 200) {
			throw new AssertionError("/actuator/prometheus answered " + answer.statusCode() + " to the operator's token");
		}
		return answer.body();
	}

	/** A GET of an actuator path with this bearer token (null: none). */
	public static HttpResponse<String> get(Api api, String path, String token) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + api.port() + path))
			.header("Accept", "text/plain, application/json");
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		try {
			return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
