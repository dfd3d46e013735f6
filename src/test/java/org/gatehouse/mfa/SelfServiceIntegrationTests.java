package org.gatehouse.mfa;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import org.awaitility.Awaitility;
import org.gatehouse.audit.AuditAction;
import org.gatehouse.support.Api;
import org.gatehouse.support.Fixtures;
import org.gatehouse.support.Fixtures.Enrolled;
import org.gatehouse.support.Fixtures.Org;
import org.gatehouse.support.IntegrationTest;
import org.gatehouse.support.IntegrationTestBase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gatehouse.support.Api.json;

/**
 * A person's own devices: a backup device that passes the challenge, "reset my MFA token",
 * recovery codes, step-up, and the promise that a secret is shown exactly once.
 */
@IntegrationTest
class SelfServiceIntegrationTests extends IntegrationTestBase {

	Org org;

	String token;

	@BeforeEach
	void signedInChiefOperator() {
		org = fixtures.organization();
		clock.advanceToNextTotpStep();
		token = fixtures.signInAgain(org);
	}

	/** Adds a device through the API and returns its Base32 secret. */
	String addDevice(String label) {
		Api.Response started = api.post("/me/authenticators", json("label", label), token).expect(201);
		clock.advanceToNextTotpStep();
		api.post("/me/authenticators/" + started.text("authenticatorId") + "/confirm",
				json("code", fixtures.totp(started.text("secret"))), token).expect(200);
		return started.text("secret");
	}

	String signInWith(String secret) {
		return fixtures.signInWithTotp(org.slug(), org.chiefEmail(), org.password(), secret);
	}

	@Test
	void aBackupDevicePassesTheChallengeAndRemovingTheFirstKeepsIt() {
		String backup = addDevice("Tablet");
		assertThat(api.get("/me/authenticators", token).expect(200).json()).hasSize(2);
		awaitMail(org.chiefEmail(), "new authenticator was added", "Tablet");

		token = signInWith(backup);
		String firstId = api.get("/me/authenticators", token).json().get(0).path("id").asString();
		api.delete("/me/authenticators/" + firstId, token).expect(204);

		JsonNode left = api.get("/me/authenticators", token).expect(200).json();
		assertThat(left).hasSize(1);
		assertThat(left.get(0).path("label").asString()).isEqualTo("Tablet");
		assertThat(signInWith(backup)).isNotBlank();
		assertThat(fixtures.audited(token, AuditAction.MFA_AUTHENTICATOR_REMOVED.value(), org.chiefId())).isNotNull();
		awaitMail(org.chiefEmail(), "authenticator was removed", "Phone");
	}

	@Test
	void atMostFiveDevicesWithUniqueLabels() {
		addDevice("Second");
		Api.Response started = api.post("/me/authenticators", json("label", "second"), token).expect(201);
		clock.advanceToNextTotpStep();
		api.post("/me/authenticators/" + started.text("authenticatorId") + "/confirm",
				json("code", fixtures.totp(started.text("secret"))), token).expectProblem(409, "conflict");
		addDevice("Third");
		addDevice("Fourth");
		addDevice("Fifth");
		api.post("/me/authenticators", json("label", "Sixth"), token).expectProblem(409, "conflict");
	}

	@Test
	void resettingMyTokenKeepsTheOldDeviceUntilTheNewOneIsConfirmed() {
		Api.Response started = api.post("/me/authenticators", json("label", "New phone", "replace", true), token)
			.expect(201);
		clock.advanceToNextTotpStep();
		assertThat(signInWith(org.totpSecret())).isNotBlank();

		clock.advanceToNextTotpStep();
		api.post("/me/authenticators/" + started.text("authenticatorId") + "/confirm",
				json("code", fixtures.totp(started.text("secret"))), token).expect(200);
		assertThat(api.get("/me/authenticators", token).json()).hasSize(1);

		clock.advanceToNextTotpStep();
		String loginToken = fixtures.password(org.slug(), org.chiefEmail(), org.password()).text("loginToken");
		api.post("/login/mfa", json("loginToken", loginToken, "code", fixtures.totp(org.totpSecret())))
			.expectProblem(401, "sign-in-failed");
	}

	@Test
	void aRecoveryCodeWorksOnceAndLeadsToReplacingTheDevice() {
		Enrolled member = enrolledEmployee();
		String code = member.recoveryCodes().get(0);
		String email = memberEmail;
		String first = fixtures.password(org.slug(), email, Fixtures.PASSWORD).text("loginToken");
		Api.Response in = api.post("/login/mfa", json("loginToken", first, "code", code.toLowerCase())).expect(200);
		assertThat(in.json().path("replaceLostDevice").asBoolean()).isTrue();
		assertThat(api.get("/me/recovery-codes", in.text("accessToken")).json().path("left").asInt()).isEqualTo(9);
		assertThat(mailbox.await(email, "recovery code was used").body()).contains("9 codes are left");

		String second = fixtures.password(org.slug(), email, Fixtures.PASSWORD).text("loginToken");
		api.post("/login/mfa", json("loginToken", second, "code", code)).expectProblem(401, "sign-in-failed");
	}

	@Test
	void aRecoveryCodeRacedFromTwoSessionsSucceedsOnce() throws Exception {
		Enrolled member = enrolledEmployee();
		String code = member.recoveryCodes().get(1);
		List<String> tokens = List.of(fixtures.password(org.slug(), memberEmail, Fixtures.PASSWORD).text("loginToken"),
				fixtures.password(org.slug(), memberEmail, Fixtures.PASSWORD).text("loginToken"));
		CountDownLatch start = new CountDownLatch(1);
		List<CompletableFuture<Api.Response>> answers = new ArrayList<>();
		for (String t : tokens) {
			answers.add(CompletableFuture.supplyAsync(() -> {
				try {
					start.await();
				}
				catch (InterruptedException ex) {
					throw new IllegalStateException(ex);
				}
				return api.post("/login/mfa", json("loginToken", t, "code", code));
			}));
		}
		start.countDown();
		long successes = answers.stream().map(CompletableFuture::join).filter(r -> r.status() == 200).count();
		assertThat(successes).isEqualTo(1);
	}

	@Test
	void newRecoveryCodesVoidTheOldSetAndNeedAStepUp() {
		Enrolled member = enrolledEmployee();
		String memberToken = member.accessToken();
		clock.advance(Duration.ofMinutes(11));
		api.post("/me/recovery-codes", null, memberToken).expectProblem(403, "step-up-required");

		clock.advanceToNextTotpStep();
		api.post("/me/step-up", json("code", fixtures.totp(member.secret())), memberToken).expect(204);
		List<String> fresh = new ArrayList<>();
		api.post("/me/recovery-codes", null, memberToken).expect(200).json().path("recoveryCodes")
			.forEach(c -> fresh.add(c.asString()));
		assertThat(fresh).hasSize(10).doesNotContainAnyElementsOf(member.recoveryCodes());

		String old = fixtures.password(org.slug(), memberEmail, Fixtures.PASSWORD).text("loginToken");
		api.post("/login/mfa", json("loginToken", old, "code", member.recoveryCodes().get(2)))
			.expectProblem(401, "sign-in-failed");
		String renewed = fixtures.password(org.slug(), memberEmail, Fixtures.PASSWORD).text("loginToken");
		api.post("/login/mfa", json("loginToken", renewed, "code", fresh.get(0))).expect(200);
	}

	@Test
	void fewRecoveryCodesLeftRaiseAWarningForTheUserAndAdministrators() {
		Enrolled member = enrolledEmployee();
		for (int i = 0; i < 7; i++) {
			String t = fixtures.password(org.slug(), memberEmail, Fixtures.PASSWORD).text("loginToken");
			api.post("/login/mfa", json("loginToken", t, "code", member.recoveryCodes().get(i))).expect(200);
		}
		JsonNode left = api.get("/me/recovery-codes", member.accessToken()).expect(200).json();
		assertThat(left.path("left").asInt()).isEqualTo(3);
		assertThat(left.path("low").asBoolean()).isTrue();
		JsonNode listed = api.get("/users?mfa=recovery-codes-low&q=" + memberEmail, token).expect(200).json();
		assertThat(listed.path("items").get(0).path("mfa").path("recoveryCodesLeft").asInt()).isEqualTo(3);
	}

	@Test
	void addingADeviceMoreThanTenMinutesAfterTheSecondFactorNeedsAStepUp() {
		clock.advance(Duration.ofMinutes(11));
		api.post("/me/authenticators", json("label", "Late"), token).expectProblem(403, "step-up-required");
		clock.advanceToNextTotpStep();
		api.post("/me/step-up", json("code", "000000".equals(fixtures.totp(org.totpSecret())) ? "111111" : "000000"), token)
			.expectProblem(401, "sign-in-failed");
		api.post("/me/step-up", json("code", fixtures.totp(org.totpSecret())), token).expect(204);
		api.post("/me/authenticators", json("label", "Late"), token).expect(201);
	}

	@Test
	void noSecretAppearsInAnyResponseEmailOrAuditRowAfterEnrollment() {
		Enrolled member = enrolledEmployee();
		List<String> secrets = new ArrayList<>(member.recoveryCodes());
		secrets.add(member.secret());
		List<String> bodies = new ArrayList<>();
		for (String path : List.of("/me", "/me/authenticators", "/me/recovery-codes")) {
			bodies.add(api.get(path, member.accessToken()).expect(200).body());
		}
		for (String path : List.of("/users", "/users/" + memberId, "/users/" + memberId + "/authenticators",
				"/audit-events", "/audit-events/export?format=csv", "/audit-events/export?format=json",
				"/organization/security", "/roles")) {
			bodies.add(api.get(path, token).expect(200).body());
		}
		mailbox.awaitCount(memberEmail, 3).forEach(m -> bodies.add(m.subject() + m.body()));
		bodies.addAll(jdbc.sql("SELECT details FROM audit_event").query(String.class).list());
		bodies.addAll(jdbc.sql("SELECT body FROM mail_outbox").query(String.class).list());
		for (String secret : secrets) {
			assertThat(bodies).noneMatch(body -> body.contains(secret)
					|| body.contains(secret.replace("-", "")) || body.contains("otpauth://"));
		}
	}

	@Test
	void aRequirementSwitchedOnAppliesToSignedInUsersAtTheirNextRequest() {
		var vendor = fixtures.signedInMember(org, "Vendor", "VENDOR");
		api.get("/me", vendor.token()).expect(200);
		api.patch("/roles/" + fixtures.roleId(org, "Vendor"), json("requireMfa", true, "reason", "policy"), token)
			.expect(200);
		api.get("/me", vendor.token()).expectProblem(403, "mfa-required");
		assertThat(fixtures.password(org.slug(), vendor.email(), vendor.password()).expect(200).text("next"))
			.isEqualTo("MFA_ENROLLMENT");
	}

	@Test
	void aHalfFinishedSignInReachesNothingButItsOwnStep() {
		String email = fixtures.member(org, "Employee", "EMPLOYEE").email();
		String loginToken = fixtures.password(org.slug(), email, Fixtures.PASSWORD).expect(200).text("loginToken");
		for (String path : List.of("/me", "/me/authenticators", "/me/recovery-codes", "/users", "/roles",
				"/audit-events", "/organization/security", "/users/" + org.chiefId())) {
			api.get(path, loginToken).expectProblem(401, "unauthenticated");
		}
		api.post("/me/authenticators", json("label", "x"), loginToken).expectProblem(401, "unauthenticated");
		api.post("/login/mfa", json("loginToken", loginToken, "code", "123456")).expectProblem(409, "conflict");
		assertThat(api.post("/login/enrollment", json("loginToken", loginToken)).expect(200).text("secret")).isNotBlank();
	}

	@Test
	void aWrongEnrollmentCodeKeepsThePendingSecretAndCountsAsAFailure() {
		String email = fixtures.member(org, "Employee", "EMPLOYEE").email();
		String loginToken = fixtures.password(org.slug(), email, Fixtures.PASSWORD).expect(200).text("loginToken");
		String secret = api.post("/login/enrollment", json("loginToken", loginToken)).expect(200).text("secret");
		String wrong = "000000".equals(fixtures.totp(secret)) ? "111111" : "000000";
		api.post("/login/enrollment/confirm", json("loginToken", loginToken, "code", wrong, "label", "Phone"))
			.expectProblem(401, "sign-in-failed");
		Api.Response done = api.post("/login/enrollment/confirm",
				json("loginToken", loginToken, "code", fixtures.totp(secret), "label", "Phone")).expect(200);
		assertThat(done.json().path("recoveryCodes")).hasSize(10);
	}

	void awaitMail(String to, String subject, String bodyContains) {
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> mailbox.receivedBy(to).stream()
			.anyMatch(m -> m.subject().contains(subject) && m.body().contains(bodyContains)));
	}

	String memberEmail;

	java.util.UUID memberId;

	/** An employee (role requires MFA) who enrolled at first sign-in. */
	Enrolled enrolledEmployee() {
		var member = fixtures.member(org, "Employee", "EMPLOYEE");
		memberEmail = member.email();
		memberId = member.id();
		Enrolled enrolled = fixtures.signInThroughEnrollment(org.slug(), member.email(), Fixtures.PASSWORD);
		assertThat(enrolled.recoveryCodes()).hasSize(10).doesNotHaveDuplicates();
		return enrolled;
	}

}
