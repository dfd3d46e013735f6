package org.gatehouse.mfa;

import java.time.Duration;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.gatehouse.audit.AuditAction;
import org.gatehouse.support.Api;
import org.gatehouse.support.Fixtures;
import org.gatehouse.support.Fixtures.Enrolled;
import org.gatehouse.support.Fixtures.Member;
import org.gatehouse.support.Fixtures.Org;
import org.gatehouse.support.IntegrationTest;
import org.gatehouse.support.IntegrationTestBase;
import org.gatehouse.support.Mailbox;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gatehouse.support.Api.json;

/** The administrator paths of the lost-device article, S1 to S5 (docs/security.md, scenarios). */
@IntegrationTest
class LostDeviceIntegrationTests extends IntegrationTestBase {

	Org org;

	@BeforeEach
	void organization() {
		org = fixtures.organization();
	}

	/** A member of the role who enrolled a device at first sign-in (roles without MFA enroll from their account). */
	record Enrollee(Member member, Enrolled enrolled) {
	}

	Enrollee enrolledMember(String role, String kind) {
		Member member = fixtures.member(org, role, kind);
		Api.Response password = fixtures.password(org.slug(), member.email(), member.password()).expect(200);
		if ("DONE".equals(password.text("next"))) {
			String token = password.text("accessToken");
			Api.Response started = api.post("/me/authenticators", json("label", "Phone"), token).expect(201);
			clock.advanceToNextTotpStep();
			Api.Response done = api.post("/me/authenticators/" + started.text("authenticatorId") + "/confirm",
					json("code", fixtures.totp(started.text("secret"))), token).expect(200);
			java.util.List<String> codes = new java.util.ArrayList<>();
			done.json().path("recoveryCodes").forEach(c -> codes.add(c.asString()));
			return new Enrollee(member.withToken(token), new Enrolled(token, started.text("secret"), codes));
		}
		Enrolled enrolled = fixtures.signInThroughEnrollment(org.slug(), member.email(), member.password());
		return new Enrollee(member.withToken(enrolled.accessToken()), enrolled);
	}

	Api.Response disableMfa(UUID user, String reason, String token) {
		return api.post("/users/" + user + "/mfa/disable", json("reason", reason), token);
	}

	@Test
	void s1DisablingMfaRemovesEveryFactorEndsSessionsAuditsTheReasonAndEmailsUserAndAdministrators() {
		Enrollee vendor = enrolledMember("Vendor", "VENDOR");
		disableMfa(vendor.member().id(), "lost phone on a trip", org.token()).expect(200);

		api.get("/me", vendor.member().token()).expectProblem(401, "unauthenticated");
		JsonNode user = api.get("/users/" + vendor.member().id(), org.token()).expect(200).json();
		assertThat(user.path("mfa").path("authenticators").asInt()).isZero();
		assertThat(user.path("mfa").path("recoveryCodesLeft").asInt()).isZero();
		JsonNode event = fixtures.audited(org.token(), AuditAction.MFA_RESET.value(), vendor.member().id());
		assertThat(event.path("actorId").asString()).isEqualTo(org.chiefId().toString());
		assertThat(event.path("details").path("reason").asString()).isEqualTo("lost phone on a trip");
		assertThat(mailbox.await(vendor.member().email(), "MFA was reset").body()).contains("lost phone on a trip");
		assertThat(mailbox.await(org.chiefEmail(), "MFA was reset for a user").body()).contains(vendor.member().email());

		Api.Response next = fixtures.password(org.slug(), vendor.member().email(), vendor.member().password());
		assertThat(next.expect(200).text("next")).isEqualTo("DONE");
		clock.advanceToNextTotpStep();
		String loginToken = fixtures.password(org.slug(), vendor.member().email(), vendor.member().password())
			.text("accessToken");
		assertThat(api.get("/me/recovery-codes", loginToken).json().path("left").asInt()).isZero();
	}

	@Test
	void s2AfterTheResetARoleThatRequiresMfaGoesFromThePasswordStraightToEnrollment() {
		Enrollee employee = enrolledMember("Employee", "EMPLOYEE");
		disableMfa(employee.member().id(), "new phone", org.token()).expect(200);
		Api.Response password = fixtures.password(org.slug(), employee.member().email(), employee.member().password());
		assertThat(password.expect(200).text("next")).isEqualTo("MFA_ENROLLMENT");
		api.get("/me", password.text("loginToken")).expectProblem(401, "unauthenticated");
	}

	@Test
	void s2ReportingTheNewDeviceAsNotMineSuspendsItEndsSessionsAndAlertsTheAdministrators() {
		Enrollee employee = enrolledMember("Employee", "EMPLOYEE");
		disableMfa(employee.member().id(), "lost", org.token()).expect(200);
		Enrolled again = fixtures.signInThroughEnrollment(org.slug(), employee.member().email(),
				employee.member().password());
		java.util.List<org.gatehouse.support.Mailbox.Message> added = Awaitility.await().atMost(Duration.ofSeconds(10))
			.until(() -> mailbox.receivedBy(employee.member().email()).stream()
				.filter(m -> m.subject().contains("new authenticator")).toList(), list -> list.size() == 2);
		String report = added.get(1).token();

		api.post("/authenticators/report", json("token", report)).expect(204);
		api.get("/me", again.accessToken()).expectProblem(401, "unauthenticated");
		assertThat(mailbox.await(org.chiefEmail(), "device was reported").body()).contains(employee.member().email());
		assertThat(fixtures.audited(org.token(), AuditAction.MFA_ENROLLMENT_REPORTED.value(), employee.member().id())).isNotNull();
		api.post("/authenticators/report", json("token", report)).expectProblem(410, "gone");

		clock.advanceToNextTotpStep();
		String loginToken = fixtures.password(org.slug(), employee.member().email(), employee.member().password())
			.text("loginToken");
		api.post("/login/mfa", json("loginToken", loginToken, "code", fixtures.totp(again.secret())))
			.expectProblem(401, "sign-in-failed");
	}

	@Test
	void s1IsRefusedForYourselfAboveYourPermissionsWithoutAReasonAndForAnotherOrganizationsUser() {
		UUID helpdesk = fixtures.createRole(org, "Helpdesk " + Fixtures.unique(), true, "users.read", "users.manage");
		Enrollee helper = enrolledMember(roleName(helpdesk), "EMPLOYEE");
		disableMfa(org.chiefId(), "takeover", helper.member().token()).expectProblem(403, "forbidden");
		assertThat(api.get("/users/" + org.chiefId(), org.token()).json().path("mfa").path("authenticators").asInt())
			.isEqualTo(1);
		assertThat(fixtures.audit(org.token(), AuditAction.MFA_RESET.value()).get(0).path("details").path("refusal").asString())
			.isEqualTo("permission-ceiling");

		disableMfa(org.chiefId(), "myself", org.token()).expectProblem(403, "forbidden");
		disableMfa(helper.member().id(), "", org.token()).expectProblem(400, "invalid-input");

		Org other = fixtures.organization();
		Api.Response foreign = disableMfa(other.chiefId(), "cross tenant", org.token()).expectProblem(404, "not-found");
		Api.Response missing = disableMfa(UUID.randomUUID(), "cross tenant", org.token()).expectProblem(404, "not-found");
		assertThat(foreign.text("detail")).isEqualTo(missing.text("detail"));
		assertThat(api.get("/users/" + other.chiefId(), other.token()).json().path("mfa").path("authenticators").asInt())
			.isEqualTo(1);
	}

	@Test
	void s1NeedsTheAdministratorsSecondFactorWithinTenMinutes() {
		Enrollee vendor = enrolledMember("Vendor", "VENDOR");
		clock.advance(Duration.ofMinutes(11));
		disableMfa(vendor.member().id(), "lost", org.token()).expectProblem(403, "step-up-required");
		clock.advanceToNextTotpStep();
		api.post("/me/step-up", json("code", fixtures.totp(org.totpSecret())), org.token()).expect(204);
		disableMfa(vendor.member().id(), "lost", org.token()).expect(200);
	}

	@Test
	void s3TurningTheRequirementOffShowsItsImpactAuditsBeforeAndAfterAndLetsThePasswordAloneIn() {
		Member employee = fixtures.member(org, "Employee", "EMPLOYEE");
		UUID role = fixtures.roleId(org, "Employee");
		JsonNode impact = api.get("/roles/" + role + "/mfa-impact", org.token()).expect(200).json();
		assertThat(impact.path("requireMfa").asBoolean()).isFalse();
		assertThat(impact.path("withoutAuthenticator").asLong()).isEqualTo(1);
		assertThat(impact.path("consequence").asString()).contains("1 member has no authenticator and will sign in with a password alone");

		api.patch("/roles/" + role, json("requireMfa", false), org.token()).expectProblem(400, "invalid-input");
		assertThat(fixtures.password(org.slug(), employee.email(), employee.password()).text("next"))
			.isEqualTo("MFA_ENROLLMENT");
		api.patch("/roles/" + role, json("requireMfa", false, "reason", "field staff without phones"), org.token())
			.expect(200);
		JsonNode event = fixtures.audited(org.token(), AuditAction.ROLE_MFA_REQUIREMENT_CHANGED.value(), role);
		assertThat(event.path("details").path("requireMfa.before").asString()).isEqualTo("true");
		assertThat(event.path("details").path("requireMfa.after").asString()).isEqualTo("false");
		assertThat(event.path("details").path("reason").asString()).isEqualTo("field staff without phones");
		assertThat(mailbox.await(org.chiefEmail(), "no longer requires MFA").body()).contains("field staff");
		assertThat(fixtures.password(org.slug(), employee.email(), employee.password()).text("next")).isEqualTo("DONE");

		JsonNode back = api.get("/roles/" + role + "/mfa-impact", org.token()).expect(200).json();
		assertThat(back.path("consequence").asString()).contains("1 member will be asked to enroll");
		api.patch("/roles/" + role, json("requireMfa", true, "reason", "phones handed out"), org.token()).expect(200);
		assertThat(fixtures.password(org.slug(), employee.email(), employee.password()).text("next"))
			.isEqualTo("MFA_ENROLLMENT");
	}

	@Test
	void s3MovingAUserToARoleWithoutTheRequirementTakesEffectAtTheirNextSignIn() {
		Member employee = fixtures.member(org, "Employee", "EMPLOYEE");
		UUID vendorRole = fixtures.roleId(org, "Vendor");
		api.put("/users/" + employee.id() + "/role", json("roleId", vendorRole, "reason", "no smart device"), org.token())
			.expect(200);
		assertThat(fixtures.password(org.slug(), employee.email(), employee.password()).text("next")).isEqualTo("DONE");
		JsonNode event = fixtures.audited(org.token(), AuditAction.USER_ROLE_CHANGED.value(), employee.id());
		assertThat(event.path("details").path("requireMfa.after").asString()).isEqualTo("false");
		assertThat(mailbox.await(employee.email(), "Your access").body()).contains("Employee -> Vendor");
	}

	@Test
	void aTimeBoxedExemptionLetsOneUserInWithoutMfaAndEndsByItself() {
		Member employee = fixtures.member(org, "Employee", "EMPLOYEE");
		api.post("/users/" + employee.id() + "/mfa/exemption",
				json("until", clock.instant().plus(Duration.ofDays(8)).toString(), "reason", "too long"), org.token())
			.expectProblem(400, "invalid-input");
		api.post("/users/" + employee.id() + "/mfa/exemption",
				json("until", clock.instant().plus(Duration.ofDays(2)).toString(), "reason", "phone in repair"),
				org.token()).expect(200);
		assertThat(fixtures.password(org.slug(), employee.email(), employee.password()).text("next")).isEqualTo("DONE");
		assertThat(fixtures.audited(org.token(), AuditAction.USER_MFA_EXEMPTION_GRANTED.value(), employee.id())).isNotNull();

		clock.advance(Duration.ofDays(2).plusMinutes(1));
		assertThat(fixtures.password(org.slug(), employee.email(), employee.password()).text("next"))
			.isEqualTo("MFA_ENROLLMENT");
	}

	@Test
	void s4TheUserListFiltersByMfaStateSoAdministratorsSeeWhoHasABackupDevice() {
		Enrollee withBackup = enrolledMember("Vendor", "VENDOR");
		String token = withBackup.enrolled().accessToken();
		Api.Response started = api.post("/me/authenticators", json("label", "Tablet"), token).expect(201);
		clock.advanceToNextTotpStep();
		api.post("/me/authenticators/" + started.text("authenticatorId") + "/confirm",
				json("code", fixtures.totp(started.text("secret"))), token).expect(200);
		Member without = fixtures.member(org, "Vendor", "VENDOR");

		assertThat(ids("backup")).contains(withBackup.member().id().toString()).doesNotContain(without.id().toString());
		assertThat(ids("none")).contains(without.id().toString()).doesNotContain(withBackup.member().id().toString());
		assertThat(ids("one")).contains(org.chiefId().toString());
		api.get("/users?mfa=sometimes", org.token()).expectProblem(400, "invalid-input");
	}

	@Test
	void s5AnotherAdministratorResetsTheLockedOutChiefOperator() {
		Enrollee second = enrolledMember("Administrator", "EMPLOYEE");
		disableMfa(org.chiefId(), "chief lost the phone", second.enrolled().accessToken()).expect(200);
		Api.Response chief = fixtures.password(org.slug(), org.chiefEmail(), org.password()).expect(200);
		assertThat(chief.text("next")).isEqualTo("MFA_ENROLLMENT");
		assertThat(mailbox.await(org.chiefEmail(), "MFA was reset on your account").body()).contains("chief lost the phone");
	}

	java.util.List<String> ids(String mfa) {
		java.util.List<String> ids = new java.util.ArrayList<>();
		api.get("/users?size=200&mfa=" + mfa, org.token()).expect(200).json().path("items")
			.forEach(u -> ids.add(u.path("id").asString()));
		return ids;
	}

	String roleName(UUID role) {
		for (JsonNode r : api.get("/roles", org.token()).json()) {
			if (r.path("id").asString().equals(role.toString())) {
				return r.path("name").asString();
			}
		}
		throw new AssertionError("no role " + role);
	}

}
