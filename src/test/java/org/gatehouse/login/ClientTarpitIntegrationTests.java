package org.gatehouse.login;

import java.time.Duration;

import org.gatehouse.support.Api;
import org.gatehouse.support.Console;
import org.gatehouse.support.Fixtures.Org;
import org.gatehouse.support.IntegrationTest;
import org.gatehouse.support.IntegrationTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gatehouse.support.Fixtures.PASSWORD;

/** A client over its limit of failed sign-ins is answered late, without a request thread, and nothing is hashed. */
@IntegrationTest
@TestPropertySource(properties = { "gatehouse.sign-in.client-failures-per-minute=3", "gatehouse.sign-in.tarpit=1500ms" })
class ClientTarpitIntegrationTests extends IntegrationTestBase {

	@Test
	void aClientOverItsLimitIsRefusedOnlyAfterTheTarpitDelayWhileOthersSignInAtOnce() {
		Org org = fixtures.organization();
		Api sprayer = api.withHeader("X-Forwarded-For", "198.51.100.9");
		for (int i = 0; i < 3; i++) {
			sprayer.post("/login", Api.json("organization", org.slug(), "email", org.chiefEmail(), "password", "wrong " + i))
				.expectProblem(401, "sign-in-failed");
		}

		Api.Response refused = sprayer
			.post("/login", Api.json("organization", org.slug(), "email", org.chiefEmail(), "password", PASSWORD))
			.expectProblem(429, "throttled");

		assertThat(refused.elapsed()).isGreaterThanOrEqualTo(Duration.ofMillis(1400));
		assertThat(refused.header("Retry-After")).hasValueSatisfying(v -> assertThat(Integer.parseInt(v)).isBetween(1, 60));
		assertThat(refused.json().path("detail").asString()).contains("Too many failed sign-ins");
		Api.Response other = api.withHeader("X-Forwarded-For", "198.51.100.10")
			.post("/login", Api.json("organization", org.slug(), "email", org.chiefEmail(), "password", PASSWORD))
			.expect(200);
		assertThat(other.text("next")).isEqualTo("MFA_CHALLENGE");
		assertThat(other.elapsed()).isLessThan(Duration.ofMillis(1400));
	}

	@Test
	void aConsoleClientOverItsLimitIsSentBackToTheSignInPageOnlyAfterTheDelayAndNothingIsHashed() {
		Org org = fixtures.organization();
		Console sprayer = fixtures.console().from("198.51.100.19");
		for (int i = 0; i < 3; i++) {
			assertThat(sprayer.signIn(org.slug(), org.chiefEmail(), "wrong " + i).status()).isEqualTo(401);
		}

		sprayer.get("/login").expect(200);
		long started = System.nanoTime();
		Console.Page refused = sprayer.post("/login", "organization", org.slug(), "email", org.chiefEmail(), "password",
				PASSWORD);
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(1400));
		refused.expectRedirect("/login?throttled");
		assertThat(refused.headers().firstValue("Retry-After")).hasValueSatisfying(v -> assertThat(Integer.parseInt(v)).isBetween(1, 60));
		sprayer.get("/login/challenge").expectRedirect("/login"); // no sign-in was started
		assertThat(sprayer.get("/login?throttled").expect(200).html().text()).contains("Too many failed sign-ins");

		Console other = fixtures.console().from("198.51.100.20");
		long otherStarted = System.nanoTime();
		other.signIn(org.slug(), org.chiefEmail(), PASSWORD).expectRedirect("/login/challenge");
		assertThat(Duration.ofNanos(System.nanoTime() - otherStarted)).isLessThan(Duration.ofMillis(1400));
	}

}
