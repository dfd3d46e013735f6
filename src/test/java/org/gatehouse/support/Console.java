package org.gatehouse.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * A browser without JavaScript for the Thymeleaf console: keeps cookies, reads the {@code _csrf}
 * field of the last page it fetched and sends it with the next form, and never follows redirects,
 * so tests see every {@code Location} and {@code Set-Cookie}.
 */
public final class Console {

	public static final String SESSION_COOKIE = "GATEHOUSE_SESSION";

	private final String base;
	private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
	private final HttpClient http;
	private String csrf;
	private String forwardedFor;

	public Console(int port) {
		this.base = "http://127.0.0.1:" + port;
		this.http = HttpClient.newBuilder()
			.followRedirects(HttpClient.Redirect.NEVER)
			.cookieHandler(cookies)
			.connectTimeout(Duration.ofSeconds(5))
			.build();
	}

	/** Sends {@code X-Forwarded-For: address} from now on (the service trusts it from this machine). */
	public Console from(String address) {
		this.forwardedFor = address;
		return this;
	}

	/** A console that carries one cookie, e.g. an old session id, and nothing else. */
	public static Console withCookie(int port, String name, String value) {
		Console console = new Console(port);
		HttpCookie cookie = new HttpCookie(name, value);
		cookie.setPath("/");
		cookie.setVersion(0);
		console.cookies.getCookieStore().add(URI.create(console.base + "/"), cookie);
		return console;
	}

	public Page get(String path) {
		return send(HttpRequest.newBuilder(uri(path)).GET());
	}

	/**
	 * Posts a form of alternating names and values, with the {@code _csrf} field of the last
	 * page fetched (when it had one).
	 */
	public Page post(String path, String... fields) {
		if (csrf == null) {
			throw new IllegalStateException("no CSRF token yet: get a page with a form first");
		}
		return postForm(path, csrf, fields);
	}

	/** Posts a form without any {@code _csrf} field. */
	public Page postWithoutCsrf(String path, String... fields) {
		return postForm(path, null, fields);
	}

	/** Opens the sign-in page and signs in. */
	public Page signIn(String organization, String email, String password) {
		get("/login").expect(200);
		return post("/login", "organization", organization, "email", email, "password", password);
	}

	/** The current value of a cookie, if the console holds it. */
	public Optional<String> cookie(String name) {
		return cookies.getCookieStore().getCookies().stream()
			.filter(c -> c.getName().equals(name))
			.map(HttpCookie::getValue)
			.findFirst();
	}

	public Optional<String> sessionCookie() {
		return cookie(SESSION_COOKIE);
	}

	/** The CSRF token the next {@link #post} sends. */
	public String csrf() {
		return csrf;
	}

	private Page postForm(String path, String token, String... fields) {
		if (fields.length % 2 != 0) {
			throw new IllegalArgumentException("names and values come in pairs");
		}
		StringBuilder form = new StringBuilder();
		if (token != null) {
			form.append("_csrf=").append(encode(token));
		}
		for (int i = 0; i < fields.length; i += 2) {
			if (form.length() > 0) {
				form.append('&');
			}
			form.append(encode(fields[i])).append('=').append(encode(fields[i + 1]));
		}
		return send(HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form.toString(), StandardCharsets.UTF_8)));
	}

	private Page send(HttpRequest.Builder request) {
		if (forwardedFor != null) {
			request.header("X-Forwarded-For", forwardedFor);
		}
		HttpRequest built = request.timeout(Duration.ofSeconds(30)).header("Accept", "text/html").build();
		try {
			HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
			Page page = new Page(built.method() + " " + built.uri().getRawPath(), response.statusCode(),
					response.headers(), response.body());
			page.csrfField().ifPresent(token -> csrf = token);
			return page;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(built.method() + " " + built.uri() + " failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private URI uri(String path) {
		return URI.create(base + path);
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	/** One answer of the console. */
	public record Page(String request, int status, HttpHeaders headers, String body) {

		public Document html() {
			return Jsoup.parse(body == null ? "" : body);
		}

		/** Where a redirect points, as a path with its query (e.g. {@code /login?signedOut}). */
		public String location() {
			String location = headers.firstValue("Location")
				.orElseThrow(() -> new AssertionError("no Location header in " + this));
			URI uri = URI.create(location);
			return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
		}

		/** The value {@code Set-Cookie} gives the cookie in this answer, if it sets it. */
		public Optional<String> setCookie(String name) {
			return setCookieHeader(name).map(header -> HttpCookie.parse(header).get(0).getValue());
		}

		/** The whole {@code Set-Cookie} header for the cookie, with its attributes. */
		public Optional<String> setCookieHeader(String name) {
			List<String> headers = this.headers.allValues("Set-Cookie");
			return headers.stream().filter(h -> h.startsWith(name + "=")).findFirst();
		}

		/** The {@code _csrf} hidden field of the page's first form that has one. */
		public Optional<String> csrfField() {
			Element field = html().selectFirst("form input[type=hidden][name=_csrf]");
			return Optional.ofNullable(field).map(f -> f.attr("value"));
		}

		public String title() {
			return html().title();
		}

		public Page expect(int expected) {
			if (status != expected) {
				throw new AssertionError("expected " + expected + " from " + this);
			}
			return this;
		}

		/** Fails unless this is a redirect (302 or 303) to {@code path}. */
		public Page expectRedirect(String path) {
			if (status != 302 && status != 303) {
				throw new AssertionError("expected a redirect to " + path + " from " + this);
			}
			if (!location().equals(path)) {
				throw new AssertionError("expected a redirect to " + path + " but it goes to " + location() + ": " + this);
			}
			return this;
		}

		@Override
		public String toString() {
			String text = body == null ? "" : body.length() > 2000 ? body.substring(0, 2000) + "..." : body;
			return request + " -> " + status + " " + headers.map() + "\n" + text;
		}

	}

}
