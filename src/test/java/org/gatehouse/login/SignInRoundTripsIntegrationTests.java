package org.gatehouse.login;

import org.gatehouse.support.Api;
import org.gatehouse.support.Fixtures.Org;
import org.gatehouse.support.IntegrationTest;
import org.gatehouse.support.IntegrationTestBase;
import org.gatehouse.support.RoundTrips;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gatehouse.support.Api.json;

/**
 * The database round trips of a password + TOTP sign-in, the service's busiest path: beside the
 * password hash, each one costs processor time in the service and in the database
 * (docs/performance.md). The budget is what the flow needs: the password step reads the throttle,
 * the organization and the user and writes the login token (the role only matters to a user
 * without an authenticator, the throttle is cleared only when it holds failures); the code step
 * reads the login token and the user, locks the failure budget, reads the authenticators, claims
 * the time step and turns the login token into the access token (one statement, so that the login
 * token finishes one sign-in only). Each step commits once: every commit waits for the database to
 * flush its log to disk, and each wait is a context switch on the cores that hash passwords.
 */
@IntegrationTest
class SignInRoundTripsIntegrationTests extends IntegrationTestBase {

	@Test
	void aPasswordAndTotpSignInTakesFourRoundTripsAndOneCommitForThePasswordAndSevenAndOneForTheCode() {
		Org org = fixtures.organization();
		fixtures.signInAgain(org); // the first sign-in may create the account's failure budget

		long before = RoundTrips.count();
		long commitsBefore = RoundTrips.commits();
		Api.Response password = fixtures.password(org.slug(), org.chiefEmail(), org.password()).expect(200);
		long afterPassword = RoundTrips.count();
		long commitsAfterPassword = RoundTrips.commits();
		clock.advanceToNextTotpStep();
		String access = api.post("/login/mfa",
				json("loginToken", password.text("loginToken"), "code", fixtures.totp(org.totpSecret())))
			.expect(200)
			.text("accessToken");
		long afterCode = RoundTrips.count();
		long commitsAfterCode = RoundTrips.commits();

		assertThat(password.text("next")).isEqualTo("MFA_CHALLENGE");
		assertThat(api.get("/me", access).expect(200).text("email")).isEqualTo(org.chiefEmail());
		assertThat(afterPassword - before).as("round trips of the password step").isLessThanOrEqualTo(4);
		assertThat(afterCode - afterPassword).as("round trips of the code step").isLessThanOrEqualTo(7);
		assertThat(commitsAfterPassword - commitsBefore).as("commits of the password step").isEqualTo(1);
		assertThat(commitsAfterCode - commitsAfterPassword).as("commits of the code step").isEqualTo(1);
	}

}
