package gatehouse.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The service over real HTTP/1.1 with keep-alive, one request at a time: JSON calls with a bearer
 * token, and console pages with a cookie (session) and the {@code _csrf} field of the last page.
 * Every answer carries how long it took from sending the request to the last byte of the body.
 */
final class LargeHttp {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

	private final String base;
	private final HttpClient http;
	private String csrf;

	LargeHttp(String base) {
		this.base = base;
		this.http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.followRedirects(HttpClient.Redirect.NEVER)
			.cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
			.connectTimeout(Duration.ofSeconds(5))
			.build();
	}

	record Answer(String request, int status, String body, String location, long nanos) {

		Answer expect(int expected) {
			if (status != expected) {
				throw new IllegalStateException("expected " + expected + " from " + request + " but got " + status
						+ ": " + body);
			}
			return this;
		}

		JsonNode json() {
			return JSON.readTree(body);
		}

		String text(String field) {
			return json().path(field).asString();
		}

	}

	Answer get(String path, String token) {
		return send("GET", path, null, token);
	}

	Answer post(String path, Object body, String token) {
		return send("POST", path, body, token);
	}

	Answer patch(String path, Object body, String token) {
		return send("PATCH", path, body, token);
	}

	/** A console page; remembers its {@code _csrf} field for the next form. */
	Answer page(String path) {
		Answer answer = exchange(HttpRequest.newBuilder(uri(path)).header("Accept", "text/html").GET(), "GET " + path);
		Matcher m = CSRF.matcher(answer.body());
		if (m.find()) {
			csrf = m.group(1);
		}
		return answer;
	}

	/** Posts a console form (names and values alternating) with the last page's {@code _csrf}. */
	Answer form(String path, String... fields) {
		StringBuilder form = new StringBuilder("_csrf=").append(encode(csrf));
		for (int i = 0; i < fields.length; i += 2) {
			form.append('&').append(encode(fields[i])).append('=').append(encode(fields[i + 1]));
		}
		return exchange(HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Accept", "text/html")
			.POST(HttpRequest.BodyPublishers.ofString(form.toString(), StandardCharsets.UTF_8)), "POST " + path);
	}

	static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private Answer send(String method, String path, Object body, String token) {
		String full = path.startsWith("/api/") ? path : "/api/v1" + path;
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(full))
			.header("Accept", "application/json, application/problem+json");
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		if (body != null) {
			request.header("Content-Type", "application/json");
			request.method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
		}
		else {
			request.method(method, HttpRequest.BodyPublishers.noBody());
		}
		return exchange(request, method + " " + full);
	}

	private Answer exchange(HttpRequest.Builder request, String what) {
		try {
			long started = System.nanoTime();
			HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(60)).build(),
					HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
			long nanos = System.nanoTime() - started;
			return new Answer(what, response.statusCode(), response.body(),
					response.headers().firstValue("Location").orElse(null), nanos);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(what + " failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private URI uri(String path) {
		return URI.create(base + path);
	}

}
