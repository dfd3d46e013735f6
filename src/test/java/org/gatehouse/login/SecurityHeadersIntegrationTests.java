package org.gatehouse.login;

import java.util.List;

import org.gatehouse.support.Console;
import org.gatehouse.support.Console.Page;
import org.gatehouse.support.Fixtures.Org;
import org.gatehouse.support.IntegrationTest;
import org.gatehouse.support.IntegrationTestBase;
import org.gatehouse.support.RawHttp;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every answer carries a Content-Security-Policy, a Referrer-Policy and a Permissions-Policy: console
 * pages, API responses, error pages and the refusals of the security filters alike. The console's
 * policy allows no inline script or style, so its pages must not have any.
 */
@IntegrationTest
class SecurityHeadersIntegrationTests extends IntegrationTestBase {

	static final String CONSOLE_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
			+ "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

	static final String API_POLICY = "default-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

	RawHttp http() {
		return new RawHttp(api.port());
	}

	@Test
	void consolePagesGetTheStrictPolicyAndNoReferrer() {
		for (String path : List.of("/", "/login", "/signup", "/help/lost-device", "/support/request")) {
			RawHttp.Response page = http().send("GET", path, null, "Host", "localhost", "Accept", "text/html");
			assertThat(page.status()).as(path).isEqualTo(200);
			assertHardened(page, CONSOLE_POLICY);
		}
	}

	@Test
	void consoleRedirectsAndErrorPagesGetTheStrictPolicyToo() {
		RawHttp.Response redirect = http().send("GET", "/account", null, "Host", "localhost", "Accept", "text/html");
		assertThat(redirect.status()).isEqualTo(302);
		assertHardened(redirect, CONSOLE_POLICY);

		RawHttp.Response missing = http().send("GET", "/no-such-page", null, "Host", "localhost", "Accept", "text/html");
		assertThat(missing.status()).isIn(302, 404);
		assertHardened(missing, CONSOLE_POLICY);

		RawHttp.Response forged = http().send("POST", "/login", "organization=x&email=x&password=x", "Host", "localhost",
				"Accept", "text/html");
		assertThat(forged.status()).isEqualTo(403);
		assertHardened(forged, CONSOLE_POLICY);
	}

	@Test
	void apiAnswersAndProblemsGetAPolicyThatAllowsNothing() {
		RawHttp.Response unauthenticated = http().send("GET", "/api/v1/me", null, "Host", "localhost", "Accept",
				"application/json");
		assertThat(unauthenticated.status()).isEqualTo(401);
		assertHardened(unauthenticated, API_POLICY);

		RawHttp.Response refused = http().send("POST", "/api/v1/login", null, "Host", "localhost", "Accept",
				"application/json");
		assertThat(refused.status()).isBetween(400, 499);
		assertHardened(refused, API_POLICY);

		Org org = fixtures.organization();
		RawHttp.Response me = http().send("GET", "/api/v1/me", null, "Host", "localhost", "Accept", "application/json",
				"Authorization", "Bearer " + org.token());
		assertThat(me.status()).isEqualTo(200);
		assertHardened(me, API_POLICY);

		RawHttp.Response firewalled = http().send("GET", "/api/v1/users/%2e%2e/roles", null, "Host", "localhost", "Accept",
				"application/json");
		assertThat(firewalled.status()).isEqualTo(400);
		assertHardened(firewalled, API_POLICY);
	}

	@Test
	void refusalsWrittenBeforeTheSecurityFiltersCarryThePoliciesToo() {
		RawHttp.Response duplicated = http().send("GET", "/api/v1/users?page=1&page=2", null, "Host", "localhost",
				"Accept", "application/json");
		assertThat(duplicated.status()).isEqualTo(400);
		assertHardened(duplicated, API_POLICY);
	}

	@Test
	void swaggerUiKeepsWorkingUnderItsOwnPolicyThatStillForbidsFramingAndPlugins() {
		RawHttp.Response ui = http().send("GET", "/swagger-ui/index.html", null, "Host", "localhost", "Accept",
				"text/html");
		assertThat(ui.status()).isEqualTo(200);
		String policy = ui.header("Content-Security-Policy").orElseThrow();
		assertThat(policy).contains("script-src 'self'", "frame-ancestors 'none'", "object-src 'none'",
				"img-src 'self' data:").doesNotContain("script-src 'self' 'unsafe-inline'");
		assertThat(ui.header("Referrer-Policy")).contains("no-referrer");
		assertThat(http().send("GET", "/swagger-ui/swagger-initializer.js", null, "Host", "localhost").status())
			.isEqualTo(200);
	}

	@Test
	void theConsolePagesHaveNoInlineScriptStyleOrEventHandlerThePolicyWouldBlock() {
		Console console = fixtures.console();
		List<Page> pages = List.of(console.get("/"), console.get("/login"), console.get("/signup"),
				console.get("/help/lost-device"), console.get("/support/request"), console.get("/report-device"),
				console.get("/platform/login"));
		for (Page page : pages) {
			assertThat(page.status()).as(page.request()).isEqualTo(200);
			for (Element element : page.html().getAllElements()) {
				assertThat(element.tagName()).as(page.request()).isNotEqualTo("style");
				if (element.tagName().equals("script")) {
					assertThat(element.attr("src")).as(page.request() + ": inline script").isNotBlank();
				}
				element.attributes().forEach(attribute -> {
					assertThat(attribute.getKey()).as(page.request()).isNotEqualTo("style").doesNotStartWith("on");
					assertThat(attribute.getValue()).as(page.request()).doesNotStartWith("javascript:");
				});
			}
		}
	}

	static void assertHardened(RawHttp.Response response, String policy) {
		assertThat(response.header("Content-Security-Policy")).contains(policy);
		assertThat(response.header("Referrer-Policy")).contains("no-referrer");
		String permissions = response.header("Permissions-Policy").orElseThrow(
				() -> new AssertionError("no Permissions-Policy in " + response.status() + " " + response.headers()));
		assertThat(permissions).contains("camera=()", "microphone=()", "geolocation=()", "payment=()",
				"publickey-credentials-get=(self)", "publickey-credentials-create=(self)");
		assertThat(response.header("X-Content-Type-Options")).contains("nosniff");
	}

}
