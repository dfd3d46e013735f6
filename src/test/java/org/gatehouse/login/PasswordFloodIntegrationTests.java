package org.gatehouse.login;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.gatehouse.support.Api;
import org.gatehouse.support.Fixtures.Member;
import org.gatehouse.support.Fixtures.Org;
import org.gatehouse.support.IntegrationTest;
import org.gatehouse.support.IntegrationTestBase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gatehouse.support.Api.json;
import static org.gatehouse.support.Fixtures.PASSWORD;

/**
 * Wrong passwords sent by others must not stop the owner's correct one (docs/security.md, password
 * failures): the slow-down applies to each client address and account, so a client that has not
 * been failing signs in at once however hard the account is being guessed at, far below the
 * account-wide ceiling that {@link PasswordThrottleLimitsIntegrationTests} covers.
 */
@IntegrationTest
class PasswordFloodIntegrationTests extends IntegrationTestBase {

	static final String WRONG = "not the password at all";

	Api.Response password(String client, String slug, String email, String password) {
		return api.withHeader("X-Forwarded-For", client)
			.post("/login", json("organization", slug, "email", email, "password", password));
	}

	@Test
	void aFloodOfWrongPasswordsFromRotatingAddressesNeverStopsTheOwnersCorrectPasswordFromAFreshAddress() {
		Org org = fixtures.organization();
		Member victim = fixtures.member(org, "Vendor", "VENDOR");
		int owner = 0;
		List<Integer> guesses = new ArrayList<>();
		for (int attempt = 0; attempt < 240; attempt++) { // one wrong password every 0.5 s for two minutes
			clock.advance(Duration.ofMillis(500));
			guesses.add(password("198.18." + attempt / 100 + "." + attempt % 100, org.slug(), victim.email(), WRONG)
				.status());
			if (attempt % 10 == 9) { // the owner tries every 5 s, each time from another network
				Api.Response signIn = password("198.19.0." + owner++, org.slug(), victim.email(), PASSWORD);
				assertThat(signIn.status()).as("the owner's try %d after %d wrong passwords: %s", owner, attempt + 1, signIn)
					.isEqualTo(200);
				assertThat(signIn.text("next")).isEqualTo("DONE");
			}
		}
		assertThat(owner).isEqualTo(24);
		assertThat(guesses).as("each address's first guess is evaluated (and wrong)").containsOnly(401);
	}

	@Test
	void aClientThatKeepsFailingIsSlowedDownAloneWhileTheOwnerSignsInAtOnceFromAnotherAddress() {
		Org org = fixtures.organization();
		Member victim = fixtures.member(org, "Vendor", "VENDOR");
		String guesser = "198.51.100.77";
		for (int attempt = 1; attempt <= 5; attempt++) {
			password(guesser, org.slug(), victim.email(), WRONG).expectProblem(401, "sign-in-failed");
		}

		Api.Response slowed = password(guesser, org.slug(), victim.email(), WRONG).expectProblem(429, "throttled");
		assertThat(slowed.header("Retry-After")).hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isBetween(1L, 60L));
		// the guesser's next try is not evaluated, the right password neither, and gets the same answer
		assertThat(password(guesser, org.slug(), victim.email(), PASSWORD).expectProblem(429, "throttled").body())
			.isEqualTo(slowed.body());

		Api.Response owner = password("198.51.100.78", org.slug(), victim.email(), PASSWORD).expect(200);
		assertThat(owner.text("next")).isEqualTo("DONE");
		assertThat(api.get("/me", owner.text("accessToken")).expect(200).text("email")).isEqualTo(victim.email());
		// the owner's success clears nothing of the guesser's: it still waits
		password(guesser, org.slug(), victim.email(), WRONG).expectProblem(429, "throttled");
	}

	@Test
	void theOwnersCorrectPasswordSentAtTheSameInstantAsWrongOnesFromOtherAddressesGetsInEveryRound() throws Exception {
		Org org = fixtures.organization();
		Member victim = fixtures.member(org, "Vendor", "VENDOR");
		ExecutorService pool = Executors.newFixedThreadPool(9);
		try {
			for (int round = 0; round < 20; round++) {
				clock.advance(Duration.ofSeconds(2));
				CountDownLatch start = new CountDownLatch(1);
				List<Future<Api.Response>> guesses = new ArrayList<>();
				for (int guesser = 0; guesser < 8; guesser++) {
					String client = "198.18.100." + (round * 8 + guesser);
					guesses.add(pool.submit(() -> {
						start.await();
						return password(client, org.slug(), victim.email(), WRONG);
					}));
				}
				String ownerAddress = "198.19.100." + round;
				Future<Api.Response> owner = pool.submit(() -> {
					start.await();
					return password(ownerAddress, org.slug(), victim.email(), PASSWORD);
				});
				start.countDown();
				assertThat(owner.get().status()).as("round %d: %s", round, owner.get()).isEqualTo(200);
				for (Future<Api.Response> guess : guesses) {
					guess.get().expectProblem(401, "sign-in-failed");
				}
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

}
