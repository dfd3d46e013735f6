package org.gatehouse.login;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.gatehouse.login.internal.ClientThrottle;
import org.gatehouse.login.internal.KnownDevices;
import org.gatehouse.shared.Tokens;
import org.gatehouse.support.Api;
import org.gatehouse.support.Console;
import org.gatehouse.support.Fixtures;
import org.gatehouse.support.Fixtures.Member;
import org.gatehouse.support.Fixtures.Org;
import org.gatehouse.support.IntegrationTest;
import org.gatehouse.support.IntegrationTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gatehouse.support.Api.json;
import static org.gatehouse.support.Fixtures.PASSWORD;

/**
 * The limits around the per-client password slow-down, with low settings: an attempt the account
 * throttle refuses still counts toward the client's own limit, and past the account-wide ceiling
 * every client waits except the owner's own browser (its known-device cookie).
 */
@IntegrationTest
@TestPropertySource(properties = { "gatehouse.sign-in.client-failures-per-minute=8", "gatehouse.sign-in.tarpit=100ms",
		"gatehouse.sign-in.account-failures-per-hour=20" })
class PasswordThrottleLimitsIntegrationTests extends IntegrationTestBase {

	static final String WRONG = "not the password at all";

	Api.Response password(String client, String slug, String email, String password) {
		return api.withHeader("X-Forwarded-For", client)
			.post("/login", json("organization", slug, "email", email, "password", password));
	}

	@Test
	void attemptsTheAccountThrottleRefusesCountTowardTheClientsOwnLimit() {
		Org org = fixtures.organization();
		Member victim = fixtures.member(org, "Vendor", "VENDOR");
		Member own = fixtures.member(org, "Vendor", "VENDOR");
		String client = "198.51.100.41";
		for (int attempt = 1; attempt <= 5; attempt++) {
			password(client, org.slug(), victim.email(), WRONG).expectProblem(401, "sign-in-failed");
		}
		for (int attempt = 1; attempt <= 3; attempt++) {
			assertThat(password(client, org.slug(), victim.email(), WRONG).expectProblem(429, "throttled").text("detail"))
				.contains("for this account");
		}

		// 5 failures and 3 refusals make the client's 8: its next attempt, at any account, is refused as the client's
		Api.Response refused = password(client, org.slug(), own.email(), PASSWORD).expectProblem(429, "throttled");
		assertThat(refused.text("detail")).isEqualTo(ClientThrottle.REFUSAL);
		assertThat(password("198.51.100.42", org.slug(), own.email(), PASSWORD).expect(200).text("next")).isEqualTo("DONE");
	}

	@Test
	void pastTheAccountWideCeilingEveryoneWaitsExceptTheOwnersOwnBrowser() {
		Org org = fixtures.organization();
		Member other = fixtures.member(org, "Vendor", "VENDOR");
		Console browser = fixtures.console().from("203.0.113.5");
		Console.Page half = browser.signIn(org.slug(), org.chiefEmail(), PASSWORD).expectRedirect("/login/challenge");
		assertThat(half.setCookieHeader(KnownDevices.COOKIE)).as("no known device before the second factor").isEmpty();
		browser.get("/login/challenge").expect(200);
		clock.advanceToNextTotpStep();
		Console.Page done = browser.post("/login/challenge", "code", fixtures.totp(org.totpSecret())).expectRedirect("/");
		String cookie = done.setCookieHeader(KnownDevices.COOKIE).orElseThrow();
		assertThat(cookie).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Lax")
			.containsIgnoringCase("Path=/login");
		String device = browser.cookie(KnownDevices.COOKIE).orElseThrow();
		assertThat(jdbc.sql("SELECT COUNT(*) FROM known_device WHERE token_hash = ? AND user_id = ?")
			.params(Tokens.sha256(device), org.chiefId()).query(Long.class).single()).as("stored hashed").isEqualTo(1);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM known_device WHERE token_hash = ?").param(device).query(Long.class).single())
			.isZero();
		browser.get("/").expect(200);
		browser.post("/logout").expectRedirect("/login?signedOut");

		for (int attempt = 0; attempt < 20; attempt++) { // a distributed guesser: every address fails once
			clock.advance(Duration.ofMillis(500));
			password("198.18.1." + attempt, org.slug(), org.chiefEmail(), WRONG).expectProblem(401, "sign-in-failed");
			password("198.18.3." + attempt, org.slug(), other.email(), WRONG).expectProblem(401, "sign-in-failed");
		}

		Api.Response slowed = password("198.18.2.1", org.slug(), org.chiefEmail(), WRONG).expectProblem(429, "throttled");
		long retryAfter = Long.parseLong(slowed.header("Retry-After").orElseThrow());
		assertThat(retryAfter).isBetween(1L, 3600L);
		assertThat(password("198.18.2.2", org.slug(), org.chiefEmail(), PASSWORD).expectProblem(429, "throttled").body())
			.as("a fresh address with the right password waits like everyone else").isEqualTo(slowed.body());
		Console stranger = fixtures.console().from("198.18.2.3");
		Console.Page strangerPage = stranger.signIn(org.slug(), org.chiefEmail(), PASSWORD);
		assertThat(strangerPage.status()).isEqualTo(429);
		assertThat(strangerPage.html().text()).contains("Too many failed sign-ins");

		browser.signIn(org.slug(), org.chiefEmail(), PASSWORD).expectRedirect("/login/challenge");
		// the cookie exempts only the account that signed in with it
		assertThat(browser.signIn(org.slug(), other.email(), PASSWORD).status()).isEqualTo(429);

		clock.advance(Duration.ofSeconds(retryAfter + 1));
		assertThat(password("198.18.2.4", org.slug(), org.chiefEmail(), PASSWORD).expect(200).text("next"))
			.isEqualTo("MFA_CHALLENGE");
		// the next hour counts afresh: another 20 guesses are evaluated before the wait comes back
		for (int attempt = 0; attempt < 20; attempt++) {
			password("198.18.4." + attempt, org.slug(), org.chiefEmail(), WRONG).expectProblem(401, "sign-in-failed");
		}
		password("198.18.4.99", org.slug(), org.chiefEmail(), WRONG).expectProblem(429, "throttled");
	}

	@Test
	void failuresArrivingAtTheSameInstantFromManyAddressesAreEachCountedTowardTheCeiling() throws Exception {
		Org org = fixtures.organization();
		ExecutorService pool = Executors.newFixedThreadPool(20);
		try {
			for (int round = 0; round < 20; round++) {
				String email = Fixtures.uniqueEmail("nobody"); // a fresh account each round, whose first failures race
				CountDownLatch start = new CountDownLatch(1);
				List<Future<Api.Response>> guesses = new ArrayList<>();
				for (int guesser = 0; guesser < 20; guesser++) {
					String client = "198.18." + (10 + round) + "." + guesser;
					guesses.add(pool.submit(() -> {
						start.await();
						return password(client, org.slug(), email, WRONG);
					}));
				}
				start.countDown();
				for (Future<Api.Response> guess : guesses) {
					guess.get().expectProblem(401, "sign-in-failed");
				}
				password("198.18.9." + round, org.slug(), email, WRONG).expectProblem(429, "throttled");
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

}
