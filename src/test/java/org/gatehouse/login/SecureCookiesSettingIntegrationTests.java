package org.gatehouse.login;

import org.gatehouse.login.internal.KnownDevices;
import org.gatehouse.login.internal.SessionCookie;
import org.gatehouse.support.Fixtures;
import org.gatehouse.support.Fixtures.Org;
import org.gatehouse.support.IntegrationTest;
import org.gatehouse.support.IntegrationTestBase;
import org.gatehouse.support.RawHttp;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gatehouse.login.SessionCookieIntegrationTests.form;
import static org.gatehouse.login.SessionCookieIntegrationTests.setCookie;
import static org.gatehouse.login.SessionCookieIntegrationTests.value;
import static org.gatehouse.support.Fixtures.PASSWORD;

/**
 * {@code GATEHOUSE_SECURE_COOKIES=true} makes every cookie Gatehouse sets {@code Secure}, also on a
 * plain-http request: the session cookie and the known-device cookie follow one rule.
 */
@IntegrationTest
@TestPropertySource(properties = "gatehouse.secure-cookies=true")
class SecureCookiesSettingIntegrationTests extends IntegrationTestBase {

	@Test
	void theSettingMakesTheSessionAndTheKnownDeviceCookieSecureOnPlainHttp() {
		Org org = fixtures.organization();
		Fixtures.Member reader = fixtures.consoleReader(org);
		RawHttp http = new RawHttp(api.port());
		RawHttp.Response page = http.send("GET", "/login", null, "Host", "localhost", "Accept", "text/html");
		String anonymous = value(setCookie(page, SessionCookie.SECURE_NAME).orElseThrow());
		String csrf = Jsoup.parse(page.body()).selectFirst("input[name=_csrf]").attr("value");

		RawHttp.Response signedIn = http.send("POST", "/login", form("_csrf", csrf, "organization", org.slug(), "email",
				reader.email(), "password", PASSWORD), "Host", "localhost", "Accept", "text/html", "Cookie", SessionCookie.SECURE_NAME + "=" + anonymous);

		assertThat(signedIn.status()).isEqualTo(302);
		assertThat(setCookie(signedIn, SessionCookie.SECURE_NAME).orElseThrow()).contains("; Secure");
		assertThat(setCookie(signedIn, KnownDevices.COOKIE)
			.orElseThrow(() -> new AssertionError("no device cookie in " + signedIn.all("Set-Cookie"))))
			.contains("; Secure");
	}

}
