package org.gatehouse.mfa;

import java.time.Duration;

import org.gatehouse.audit.AuditAction;
import org.gatehouse.mfa.internal.FailureBudget;
import org.gatehouse.support.Api;
import org.gatehouse.support.Fixtures.Org;
import org.gatehouse.support.IntegrationTest;
import org.gatehouse.support.IntegrationTestBase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gatehouse.support.Api.json;

/**
 * The shared per-account failure budget (docs/security.md, second factor): 5 free failures, then
 * waits of 30 s doubling to 1 h; attempts during a wait are refused unevaluated and do not extend
 * it; a lock ends the half-finished sign-in; 100 consecutive failures suspend the authenticators.
 */
@IntegrationTest
class FailureBudgetIntegrationTests extends IntegrationTestBase {

	Org org;

	@BeforeEach
	void organization() {
		org = fixtures.organization();
		clock.advanceToNextTotpStep();
	}

	String loginToken() {
		return fixtures.password(org.slug(), org.chiefEmail(), org.password()).expect(200).text("loginToken");
	}

	Api.Response challenge(String token, String code) {
		return api.post("/login/mfa", json("loginToken", token, "code", code));
	}

	String wrongCode() {
		String right = fixtures.totp(org.totpSecret());
		return right.equals("000000") ? "999999" : "000000";
	}

	long retryAfter(Api.Response answer) {
		return Long.parseLong(answer.header("Retry-After").orElseThrow());
	}

	@Test
	void fiveFailuresStartAThirtySecondWaitThatEndsTheHalfFinishedSignIn() {
		String token = loginToken();
		for (int i = 0; i < 4; i++) {
			challenge(token, wrongCode()).expectProblem(401, "sign-in-failed");
		}
		Api.Response fifth = challenge(token, wrongCode()).expectProblem(429, "throttled");
		assertThat(retryAfter(fifth)).isEqualTo(30);

		challenge(token, fixtures.totp(org.totpSecret())).expectProblem(401, "sign-in-failed");
		assertThat(fixtures.audited(org.token(), AuditAction.MFA_LOCKED.value(), org.chiefId()).path("details").path("failures").asString())
			.isEqualTo("5");
	}

	@Test
	void aCorrectCodeDuringAWaitGetsTheSameRefusalAndDoesNotExtendTheWait() {
		lockOnce();
		clock.advance(Duration.ofSeconds(10));
		Api.Response duringWait = challenge(loginToken(), fixtures.totp(org.totpSecret()));
		duringWait.expectProblem(429, "throttled");
		Api.Response wrongDuringWait = challenge(loginToken(), wrongCode()).expectProblem(429, "throttled");
		assertThat(duringWait.body()).isEqualTo(wrongDuringWait.body());

		clock.advance(Duration.ofSeconds(20));
		clock.advanceToNextTotpStep();
		assertThat(challenge(loginToken(), fixtures.totp(org.totpSecret())).expect(200).text("next")).isEqualTo("DONE");
	}

	@Test
	void waitsDoubleAfterEachFurtherFailureAndASuccessResetsTheCount() {
		lockOnce();
		clock.advance(Duration.ofSeconds(31));
		assertThat(retryAfter(challenge(loginToken(), wrongCode()).expectProblem(429, "throttled"))).isEqualTo(60);
		clock.advance(Duration.ofSeconds(61));
		assertThat(retryAfter(challenge(loginToken(), wrongCode()).expectProblem(429, "throttled"))).isEqualTo(120);
		clock.advance(Duration.ofSeconds(121));
		clock.advanceToNextTotpStep();
		challenge(loginToken(), fixtures.totp(org.totpSecret())).expect(200);

		String token = loginToken();
		for (int i = 0; i < 4; i++) {
			challenge(token, wrongCode()).expectProblem(401, "sign-in-failed");
		}
	}

	@Test
	void theWaitNeverExceedsAnHour() {
		for (int failures = 5; failures <= 12; failures++) {
			Duration wait = FailureBudget.waitAfter(failures);
			assertThat(wait).isLessThanOrEqualTo(Duration.ofHours(1));
		}
		assertThat(FailureBudget.waitAfter(4)).isZero();
		assertThat(FailureBudget.waitAfter(10)).isEqualTo(Duration.ofSeconds(960));
		assertThat(FailureBudget.waitAfter(11)).isEqualTo(Duration.ofSeconds(1920));
		assertThat(FailureBudget.waitAfter(12)).isEqualTo(Duration.ofHours(1));
		assertThat(FailureBudget.waitAfter(99)).isEqualTo(Duration.ofHours(1));
	}

	@Test
	void oneHundredConsecutiveFailuresSuspendTheAuthenticatorsUntilAReset() {
		lockOnce();
		for (int failures = 6; failures <= 100; failures++) {
			clock.advance(Duration.ofHours(1).plusSeconds(1));
			Api.Response answer = challenge(loginToken(), wrongCode());
			assertThat(answer.status()).isIn(403, 429);
		}
		clock.advanceToNextTotpStep();
		Api.Response suspended = challenge(loginToken(), fixtures.totp(org.totpSecret()));
		suspended.expectProblem(403, "forbidden");
		assertThat(suspended.text("detail")).contains("suspended");
		assertThat(mailbox.await(org.chiefEmail(), "second factor was suspended").body()).contains("100 wrong codes");
	}

	@Test
	void aRecoveryCodeCountsAgainstTheSameBudget() {
		String token = loginToken();
		for (int i = 0; i < 4; i++) {
			challenge(token, "AAAA-BBBB-CCCC-DDDD").expectProblem(401, "sign-in-failed");
		}
		challenge(token, wrongCode()).expectProblem(429, "throttled");
	}

	void lockOnce() {
		String token = loginToken();
		for (int i = 0; i < 4; i++) {
			challenge(token, wrongCode()).expectProblem(401, "sign-in-failed");
		}
		challenge(token, wrongCode()).expectProblem(429, "throttled");
	}

}
