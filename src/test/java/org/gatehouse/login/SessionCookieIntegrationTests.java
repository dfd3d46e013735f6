package org.gatehouse.login;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import org.gatehouse.support.Fixtures.Member;
import org.gatehouse.support.Fixtures.Org;
import org.gatehouse.support.IntegrationTest;
import org.gatehouse.support.IntegrationTestBase;
import org.gatehouse.support.RawHttp;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gatehouse.support.Fixtures.PASSWORD;

/**
 * The console's session cookie behind a TLS-terminating proxy: the service sees plain http, the
 * browser sees https. The context runs with {@code GATEHOUSE_SECURE_COOKIES} unset, as in local
 * development, so the cookie must follow the scheme of each request: {@code Secure} and
 * {@code __Host-}-prefixed when the trusted proxy says https, plain on plain http.
 */
@IntegrationTest
class SessionCookieIntegrationTests extends IntegrationTestBase {

	static final String PLAIN = "GATEHOUSE_SESSION";

	static final String HOST_PREFIXED = "__Host-GATEHOUSE_SESSION";

	Org org;

	Member reader;

	@BeforeEach
	void aMemberWhoSignsInWithThePasswordAlone() {
		org = fixtures.organization();
		reader = fixtures.consoleReader(org);
	}

	@Test
	void behindATlsProxyTheSessionCookieIsSecureHostPrefixedAndWithoutDomain() {
		RawHttp.Response page = proxied("GET", "/login", null, null);

		assertThat(page.status()).isEqualTo(200);
		assertThat(page.header("Strict-Transport-Security")).isPresent();
		String cookie = setCookie(page, HOST_PREFIXED).orElseThrow(
				() -> new AssertionError("no " + HOST_PREFIXED + " in " + page.all("Set-Cookie")));
		assertThat(cookie).contains("; Secure").contains("; HttpOnly").contains("Path=/;").containsIgnoringCase(
				"SameSite=Lax").doesNotContainIgnoringCase("Domain=");
		assertThat(setCookie(page, PLAIN)).isEmpty();
	}

	@Test
	void aSignInThroughTheTlsProxyWorksWithTheHostPrefixedCookieAlone() {
		RawHttp.Response page = proxied("GET", "/login", null, null);
		String anonymous = value(setCookie(page, HOST_PREFIXED).orElseThrow());
		String csrf = Jsoup.parse(page.body()).selectFirst("input[name=_csrf]").attr("value");

		RawHttp.Response signedIn = proxied("POST", "/login", form("_csrf", csrf, "organization", org.slug(), "email",
				reader.email(), "password", PASSWORD), HOST_PREFIXED + "=" + anonymous);
		assertThat(signedIn.status()).isEqualTo(302);
		String session = value(setCookie(signedIn, HOST_PREFIXED).orElseThrow());
		assertThat(session).isNotEqualTo(anonymous);
		assertThat(setCookie(signedIn, HOST_PREFIXED).orElseThrow()).contains("; Secure");

		assertThat(proxied("GET", "/account", null, HOST_PREFIXED + "=" + session).status()).isEqualTo(200);
		// the same id under the unprefixed name (which a sibling domain could plant) is not read over https
		assertThat(proxied("GET", "/account", null, PLAIN + "=" + session).status()).isEqualTo(302);
	}

	@Test
	void onPlainHttpInLocalDevelopmentTheCookieIsPlainAndNotSecure() {
		RawHttp.Response page = new RawHttp(api.port()).send("GET", "/login", null, "Host", "localhost", "Accept",
				"text/html");

		String cookie = setCookie(page, PLAIN).orElseThrow(() -> new AssertionError("no " + PLAIN + " cookie"));
		assertThat(cookie).contains("; HttpOnly").doesNotContain("; Secure");
		assertThat(setCookie(page, HOST_PREFIXED)).isEmpty();
		assertThat(page.header("Strict-Transport-Security")).isEmpty();
	}

	RawHttp.Response proxied(String method, String path, String body, String cookie) {
		List<String> headers = new java.util.ArrayList<>(List.of("Host", "gatehouse.test", "Accept", "text/html",
				"X-Forwarded-Proto", "https", "X-Forwarded-For", "203.0.113.7"));
		if (cookie != null) {
			headers.addAll(List.of("Cookie", cookie));
		}
		return new RawHttp(api.port()).send(method, path, body, headers.toArray(String[]::new));
	}

	static Optional<String> setCookie(RawHttp.Response response, String name) {
		return response.all("Set-Cookie").stream().filter(h -> h.startsWith(name + "=")).findFirst();
	}

	static String value(String setCookie) {
		return setCookie.substring(setCookie.indexOf('=') + 1, setCookie.indexOf(';'));
	}

	static String form(String... fields) {
		StringBuilder form = new StringBuilder();
		for (int i = 0; i < fields.length; i += 2) {
			form.append(i == 0 ? "" : "&").append(URLEncoder.encode(fields[i], StandardCharsets.UTF_8)).append('=')
				.append(URLEncoder.encode(fields[i + 1], StandardCharsets.UTF_8));
		}
		return form.toString();
	}

}
