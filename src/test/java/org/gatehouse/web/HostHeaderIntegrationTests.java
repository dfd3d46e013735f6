package org.gatehouse.web;

import org.gatehouse.support.Api;
import org.gatehouse.support.Fixtures;
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
 * A client that sends a hostile {@code Host} and {@code X-Forwarded-Host} must not see that host
 * come back in a {@code Location}: a poisoned cache or a password-reset-style link would send the
 * next person to the attacker's site. Redirects are relative, so the browser stays on the address it
 * used; absolute links come only from {@code gatehouse.base-url}.
 */
@IntegrationTest
class HostHeaderIntegrationTests extends IntegrationTestBase {

	static final String[] HOSTILE = { "Host", "evil.example", "X-Forwarded-Host", "evil.example", "Accept",
			"text/html" };

	Org org;

	Member reader;

	@BeforeEach
	void aMemberWhoSignsInWithThePasswordAlone() {
		org = fixtures.organization();
		reader = fixtures.consoleReader(org);
	}

	@Test
	void theConsolesSignInRedirectDoesNotNameTheHostileHost() {
		RawHttp.Response redirect = http().send("GET", "/account", null, HOSTILE);

		assertThat(redirect.status()).isEqualTo(302);
		assertThat(redirect.header("Location")).hasValue("/login");
	}

	@Test
	void postRedirectGetPagesDoNotNameTheHostileHost() {
		RawHttp.Response page = http().send("GET", "/login", null, HOSTILE);
		String cookie = cookie(page);
		String csrf = Jsoup.parse(page.body()).selectFirst("input[name=_csrf]").attr("value");

		RawHttp.Response signedIn = http().send("POST", "/login", "_csrf=" + csrf + "&organization=" + org.slug()
				+ "&email=" + reader.email() + "&password=" + PASSWORD.replace(' ', '+'), with(cookie));
		assertThat(signedIn.status()).isEqualTo(302);
		assertThat(signedIn.header("Location")).hasValue("/");

		String session = cookie(signedIn);
		RawHttp.Response help = http().send("GET", "/help/lost-device", null, with(session));
		String helpCsrf = Jsoup.parse(help.body()).selectFirst("form input[name=_csrf]").attr("value");
		RawHttp.Response voted = http().send("POST", "/help/lost-device/vote", "_csrf=" + helpCsrf + "&helpful=true",
				with(session));
		assertThat(voted.status()).isEqualTo(302);
		assertThat(voted.header("Location")).hasValue("/help/lost-device");

		RawHttp.Response signedOut = http().send("POST", "/logout", "_csrf=" + helpCsrf, with(session));
		assertThat(signedOut.status()).isEqualTo(302);
		assertThat(signedOut.header("Location")).hasValue("/login?signedOut");
	}

	@Test
	void theApisCreatedAnswersNameNoHostileHost() {
		String slug = Fixtures.uniqueSlug();
		RawHttp.Response signedUp = http().json("POST", "/api/v1/organizations",
				Api.JSON.writeValueAsString(Fixtures.signUpBody(slug, Fixtures.uniqueEmail("chief"))), "Host",
				"evil.example", "X-Forwarded-Host", "evil.example", "Accept", "application/json");
		assertThat(signedUp.status()).isEqualTo(201);
		assertNoHostileHost(signedUp);

		String email = Fixtures.uniqueEmail("new");
		RawHttp.Response invited = http().json("POST", "/api/v1/users",
				Api.JSON.writeValueAsString(Api.json("email", email, "name", "New Person", "kind",
						"EMPLOYEE", "roleId", fixtures.roleId(org, "Employee"))),
				"Host", "evil.example", "X-Forwarded-Host", "evil.example", "Accept", "application/json",
				"Authorization", "Bearer " + org.token());
		assertThat(invited.status()).isEqualTo(201);
		assertNoHostileHost(invited);
		assertThat(fixtures.mailbox().await(email, Fixtures.INVITATION_SUBJECT).body()).contains(Fixtures.BASE_URL + "/invitation?token=")
			.doesNotContain("evil.example");
	}

	@Test
	void theApiDocumentNamesTheBaseUrlAsItsServerNotTheHostileHost() {
		RawHttp.Response document = http().send("GET", "/v3/api-docs", null, "Host", "evil.example", "X-Forwarded-Host",
				"evil.example", "Accept", "application/json");

		assertThat(document.status()).isEqualTo(200);
		assertNoHostileHost(document);
		assertThat(Api.JSON.readTree(document.body()).path("servers").path(0).path("url").asString())
			.isEqualTo(Fixtures.BASE_URL);
	}

	static void assertNoHostileHost(RawHttp.Response response) {
		response.headers().forEach((name, values) -> assertThat(values).as(name).noneMatch(v -> v.contains("evil.example")));
		assertThat(response.body()).doesNotContain("evil.example");
	}

	RawHttp http() {
		return new RawHttp(api.port());
	}

	/** The hostile headers and a session cookie. */
	static String[] with(String cookie) {
		String[] headers = java.util.Arrays.copyOf(HOSTILE, HOSTILE.length + 2);
		headers[HOSTILE.length] = "Cookie";
		headers[HOSTILE.length + 1] = "GATEHOUSE_SESSION=" + cookie;
		return headers;
	}

	static String cookie(RawHttp.Response response) {
		String header = response.all("Set-Cookie").stream().filter(h -> h.startsWith("GATEHOUSE_SESSION="))
			.findFirst().orElseThrow(() -> new AssertionError("no session cookie in " + response.headers()));
		return header.substring(header.indexOf('=') + 1, header.indexOf(';'));
	}

}
