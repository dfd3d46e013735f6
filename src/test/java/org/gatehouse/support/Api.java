package org.gatehouse.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntSupplier;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

/**
 * The JSON API over real HTTP ({@link HttpClient}, no MockMvc), as a client sees it. Paths are
 * relative to {@code /api/v1}; bodies are serialized with Jackson; a null token sends no
 * {@code Authorization} header.
 */
public final class Api {

	public static final JsonMapper JSON = JsonMapper.builder().build();

	private final IntSupplier port;
	private final Map<String, String> headers;
	private final HttpClient http;

	public Api(IntSupplier port) {
		this(port, Map.of(), HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(Duration.ofSeconds(5))
			.build());
	}

	private Api(IntSupplier port, Map<String, String> headers, HttpClient http) {
		this.port = port;
		this.headers = headers;
		this.http = http;
	}

	/** The same client sending one more header with every request (e.g. {@code X-Forwarded-For}). */
	public Api withHeader(String name, String value) {
		Map<String, String> more = new LinkedHashMap<>(this.headers);
		more.put(name, value);
		return new Api(this.port, Map.copyOf(more), this.http);
	}

	/** A JSON object from alternating keys and values, keeping order and nulls. */
	public static Map<String, Object> json(Object... keysAndValues) {
		if (keysAndValues.length % 2 != 0) {
			throw new IllegalArgumentException("keys and values come in pairs");
		}
		Map<String, Object> object = new LinkedHashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			object.put((String) keysAndValues[i], keysAndValues[i + 1]);
		}
		return object;
	}

	/** {@code key=value&...}, URL-encoded, for query strings. */
	public static String query(Object... keysAndValues) {
		StringBuilder query = new StringBuilder();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			if (keysAndValues[i + 1] == null) {
				continue;
			}
			query.append(query.length() == 0 ? "?" : "&")
				.append(URLEncoder.encode(keysAndValues[i].toString(), StandardCharsets.UTF_8))
				.append('=')
				.append(URLEncoder.encode(keysAndValues[i + 1].toString(), StandardCharsets.UTF_8));
		}
		return query.toString();
	}

	/** The port the application listens on. */
	public int port() {
		return port.getAsInt();
	}

	/** A GET of a path outside the API ({@code /v3/api-docs}, {@code /actuator/...}, a console page), exactly as given. */
	public HttpResponse<String> fetch(String path, String accept) throws IOException, InterruptedException {
		return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port.getAsInt() + path))
			.header("Accept", accept).build(), HttpResponse.BodyHandlers.ofString());
	}

	public URI uri(String path) {
		String full = path.startsWith("/api/") || path.startsWith("/actuator") ? path : "/api/v1" + path;
		return URI.create("http://localhost:" + port.getAsInt() + full);
	}

	public Response get(String path) {
		return get(path, null);
	}

	public Response get(String path, String token) {
		return send("GET", path, null, token);
	}

	public Response post(String path, Object body) {
		return post(path, body, null);
	}

	public Response post(String path, Object body, String token) {
		return send("POST", path, body, token);
	}

	public Response put(String path, Object body, String token) {
		return send("PUT", path, body, token);
	}

	public Response patch(String path, Object body, String token) {
		return send("PATCH", path, body, token);
	}

	public Response delete(String path, String token) {
		return send("DELETE", path, null, token);
	}

	/** Sends {@code rawJson} exactly as given (for malformed or oddly typed bodies). */
	public Response sendRaw(String method, String path, String rawJson, String token) {
		return exchange(method, path, rawJson, token);
	}

	/** Sends {@code body} as it is, declared as {@code contentType}, asking for {@code accept} (e.g. another format than JSON). */
	public Response sendAs(String method, String path, String body, String contentType, String accept, String token) {
		return exchange(method, path, body, contentType, accept, token);
	}

	private Response send(String method, String path, Object body, String token) {
		return exchange(method, path, body == null ? null : JSON.writeValueAsString(body), token);
	}

	private Response exchange(String method, String path, String body, String token) {
		return exchange(method, path, body, "application/json", "application/json, application/problem+json", token);
	}

	private Response exchange(String method, String path, String body, String contentType, String accept, String token) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
			.timeout(Duration.ofSeconds(30))
			.header("Accept", accept);
		this.headers.forEach(request::header);
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		if (body != null) {
			request.header("Content-Type", contentType);
			request.method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
		}
		else {
			request.method(method, HttpRequest.BodyPublishers.noBody());
		}
		try {
			long started = System.nanoTime();
			HttpResponse<String> response = http.send(request.build(),
					HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
			return new Response(method + " " + path, response.statusCode(), response.headers(), response.body(),
					Duration.ofNanos(System.nanoTime() - started));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(method + " " + path + " failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** An answer: status, headers, the body as text and as JSON, and how long it took. */
	public record Response(String request, int status, HttpHeaders headers, String body, Duration elapsed) {

		/** Fails with the whole exchange unless the status is {@code expected}; returns this. */
		public Response expect(int expected) {
			if (status != expected) {
				throw new AssertionError("expected " + expected + " from " + this);
			}
			return this;
		}

		/**
		 * Fails unless this is an RFC 9457 problem response with the status and the type
		 * {@code https://gatehouse.dev/problems/<slug>}; returns this.
		 */
		public Response expectProblem(int expected, String slug) {
			expect(expected);
			String contentType = header("Content-Type").orElse("");
			if (!contentType.startsWith("application/problem+json")) {
				throw new AssertionError("expected a problem+json answer from " + this + " but got " + contentType);
			}
			if (!("https://gatehouse.dev/problems/" + slug).equals(text("type"))) {
				throw new AssertionError("expected the problem type " + slug + " from " + this);
			}
			return this;
		}

		/** The body as JSON; a missing node when the body is empty or not JSON. */
		public JsonNode json() {
			if (body == null || body.isBlank()) {
				return MissingNode.getInstance();
			}
			try {
				return JSON.readTree(body);
			}
			catch (JacksonException ex) {
				return MissingNode.getInstance();
			}
		}

		/** A field of the JSON body as text, or null. */
		public String text(String field) {
			JsonNode node = json().path(field);
			return node.isMissingNode() || node.isNull() ? null : node.asString();
		}

		public Optional<String> header(String name) {
			return headers.firstValue(name);
		}

		/** The problem type's slug, e.g. {@code not-found} for {@code https://gatehouse.dev/problems/not-found}. */
		public String problemSlug() {
			String type = text("type");
			return type == null ? null : type.substring(type.lastIndexOf('/') + 1);
		}

		@Override
		public String toString() {
			return request + " -> " + status + " " + body;
		}

	}

}
