package org.gatehouse.login;

import org.gatehouse.support.Console;
import org.gatehouse.support.Fixtures.Member;
import org.gatehouse.support.Fixtures.Org;
import org.gatehouse.support.IntegrationTest;
import org.gatehouse.support.IntegrationTestBase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The console's second step: enrollment, the challenge, a new session id at each step, a lock ending the session. */
@IntegrationTest
class ConsoleSecondFactorIntegrationTests extends IntegrationTestBase {

	Org org;

	@BeforeEach
	void organization() {
		org = fixtures.organization();
		clock.advanceToNextTotpStep();
	}

	@Test
	void anEmployeeEnrollsInTheConsoleSeesRecoveryCodesOnceAndGetsANewSessionIdAtEachStep() {
		Member employee = fixtures.member(org, "Employee", "EMPLOYEE");
		Console console = fixtures.console();
		console.get("/login").expect(200);
		String anonymous = console.sessionCookie().orElseThrow();
		assertThat(console.post("/login", "organization", org.slug(), "email", employee.email(), "password",
				employee.password()).expect(302).location()).isEqualTo("/login/enroll");
		String afterPassword = console.sessionCookie().orElseThrow();
		assertThat(afterPassword).isNotEqualTo(anonymous);
		assertThat(console.get("/users").expect(302).location()).isEqualTo("/login/enroll");

		Console.Page enroll = console.get("/login/enroll").expect(200);
		String key = enroll.html().selectFirst("#manual-key").text().replace(" ", "");
		Console.Page codes = console.post("/login/enroll", "label", "Phone", "code", fixtures.totp(key)).expect(200);
		assertThat(codes.html().select("#recovery-codes li")).hasSize(10);
		assertThat(console.sessionCookie().orElseThrow()).isNotEqualTo(afterPassword);
		assertThat(console.get("/account").expect(200).body()).contains("Phone").doesNotContain(key);
	}

	@Test
	void fiveWrongCodesInTheConsoleEndTheHalfFinishedSessionAndThePasswordIsNeededAgain() {
		Console console = fixtures.console();
		assertThat(console.signIn(org.slug(), org.chiefEmail(), org.password()).expect(302).location())
			.isEqualTo("/login/challenge");
		console.get("/login/challenge").expect(200);
		String wrong = "000000".equals(fixtures.totp(org.totpSecret())) ? "111111" : "000000";
		for (int i = 0; i < 4; i++) {
			console.post("/login/challenge", "code", wrong).expect(401);
		}
		console.post("/login/challenge", "code", wrong).expect(429);
		assertThat(console.get("/login/challenge").expect(302).location()).isEqualTo("/login");
		assertThat(console.get("/").expect(200).body()).contains("Sign in");
	}

	@Test
	void aHalfFinishedSignInCanBeAbandonedSoTheNextPersonAtTheComputerGetsNothing() {
		Member employee = fixtures.member(org, "Employee", "EMPLOYEE");
		Console console = fixtures.console();
		console.signIn(org.slug(), employee.email(), employee.password()).expect(302);
		assertThat(console.get("/login/enroll").expect(200).body()).contains("cancel-sign-in");
		assertThat(console.post("/logout").expect(302).location()).startsWith("/login");
		assertThat(console.get("/login/enroll").expect(302).location()).isEqualTo("/login");
		assertThat(console.get("/").expect(200).body()).contains("Sign in");
	}

	@Test
	void aRecoveryCodeInTheConsoleLeadsToTheAccountPageToReplaceTheDevice() {
		Member employee = fixtures.member(org, "Employee", "EMPLOYEE");
		var enrolled = fixtures.signInThroughEnrollment(org.slug(), employee.email(), employee.password());
		Console console = fixtures.console();
		console.signIn(org.slug(), employee.email(), employee.password()).expect(302);
		console.get("/login/challenge").expect(200);
		assertThat(console.post("/login/challenge", "code", enrolled.recoveryCodes().get(0)).expect(302).location())
			.isEqualTo("/account");
		assertThat(console.get("/account").expect(200).body()).contains("Reset my MFA token");
	}

}
