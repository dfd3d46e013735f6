package org.gatehouse.organization;

import java.util.UUID;

import org.gatehouse.audit.AuditAction;
import org.gatehouse.support.Api;
import org.gatehouse.support.Console;
import org.gatehouse.support.Fixtures;
import org.gatehouse.support.Fixtures.Enrolled;
import org.gatehouse.support.Fixtures.Member;
import org.gatehouse.support.Fixtures.Org;
import org.gatehouse.support.IntegrationTest;
import org.gatehouse.support.IntegrationTestBase;
import org.gatehouse.support.RoundTrips;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gatehouse.support.Api.json;

/** S7, prevention: coverage, the chief operator's lockout risk, handing the title on, the audit trail. */
@IntegrationTest
class SecurityPageIntegrationTests extends IntegrationTestBase {

	Org org;

	@BeforeEach
	void organization() {
		org = fixtures.organization();
	}

	JsonNode security() {
		return api.get("/organization/security", org.token()).expect(200).json();
	}

	@Test
	void aSoleAdministratorWithOneDeviceIsAtRiskUntilASecondAdministratorExists() {
		JsonNode risk = security().path("chiefOperator");
		assertThat(risk.path("atRisk").asBoolean()).isTrue();
		assertThat(risk.path("causes").findValuesAsString("code")).contains("SOLE_ADMINISTRATOR", "SINGLE_DEVICE");
		assertThat(risk.path("causes").findValuesAsString("fix")).contains("Add a second administrator.",
				"Add a backup device.");

		Member second = fixtures.member(org, "Administrator", "EMPLOYEE");
		fixtures.signInThroughEnrollment(org.slug(), second.email(), second.password());
		JsonNode after = security().path("chiefOperator");
		assertThat(after.path("atRisk").asBoolean()).isFalse();
		assertThat(after.path("causes").findValuesAsString("code")).doesNotContain("SOLE_ADMINISTRATOR");
	}

	@Test
	void coveragePerRoleCountsMembersWithAndWithoutAnAuthenticator() {
		fixtures.member(org, "Employee", "EMPLOYEE");
		Member enrolled = fixtures.member(org, "Employee", "EMPLOYEE");
		fixtures.signInThroughEnrollment(org.slug(), enrolled.email(), enrolled.password());
		for (JsonNode role : security().path("roles")) {
			if (role.path("name").asString().equals("Employee")) {
				assertThat(role.path("members").asLong()).isEqualTo(2);
				assertThat(role.path("withAuthenticator").asLong()).isEqualTo(1);
				assertThat(role.path("withoutAuthenticator").asLong()).isEqualTo(1);
				return;
			}
		}
		throw new AssertionError("no Employee role in " + security());
	}

	@Test
	void theUsersWithASingleDeviceAreTheActiveOnesWithExactlyOneAuthenticatorListedByName() {
		Member single = fixtures.member(org, fixtures.roleId(org, "Employee"),
				"EMPLOYEE", "Aaron Single " + Fixtures.unique());
		fixtures.signInThroughEnrollment(org.slug(), single.email(), single.password());
		Member withBackup = fixtures.member(org, "Employee", "EMPLOYEE");
		fixtures.signInThroughEnrollment(org.slug(), withBackup.email(), withBackup.password());
		jdbc.sql("UPDATE app_user SET authenticator_count = 2, backup_device = TRUE WHERE id = ?")
			.param(withBackup.id()).update();
		Member disabled = fixtures.member(org, "Employee", "EMPLOYEE");
		fixtures.signInThroughEnrollment(org.slug(), disabled.email(), disabled.password());
		api.post("/users/" + disabled.id() + "/disable", json("reason", "left"), org.token()).expect(200);
		fixtures.member(org, "Vendor", "VENDOR"); // no authenticator

		JsonNode overview = security();
		// The chief operator (one authenticator, the organization's fixture) and the single-device member.
		assertThat(overview.path("usersWithoutBackupDevice").asLong()).isEqualTo(2);
		assertThat(overview.path("withoutBackupDevice").findValuesAsString("email"))
			.containsExactly(single.email(), org.chiefEmail());
	}

	/**
	 * With 100,000 users the page is dominated by the one pass over the organization's users that
	 * counts the coverage (bench/large-org.sh, docs/performance.md); everything else is a single-row read, each read once.
	 */
	@Test
	void theSecurityPageReadsTheUsersOnceAndNothingTwice() {
		Console console = fixtures.console();
		console.signIn(org.slug(), org.chiefEmail(), org.password()).expect(302);
		clock.advanceToNextTotpStep();
		console.post("/login/challenge", "code", fixtures.totp(org.totpSecret())).expect(302);

		long before = RoundTrips.count();
		security();
		long afterApi = RoundTrips.count();
		console.get("/security").expect(200);
		long afterConsole = RoundTrips.count();

		// The token, the user and the role; the coverage, the roles, the first single-device users, the organization,
		// the chief operator and the other administrators; the commit.
		assertThat(afterApi - before).as("round trips of GET /organization/security").isLessThanOrEqualTo(10);
		// The same less the token, and the session read and touched, each with its commit.
		assertThat(afterConsole - afterApi).as("round trips of the console's security page").isLessThanOrEqualTo(16);
	}

	@Test
	void onlyAdministratorsSeeTheSecurityPageAndOnlyTheirOwnOrganization() {
		Member vendor = fixtures.signedInMember(org, "Vendor", "VENDOR");
		api.get("/organization/security", vendor.token()).expectProblem(403, "forbidden");
		JsonNode refusal = fixtures.audit(org.token(), AuditAction.PERMISSION_DENIED.value()).get(0);
		assertThat(refusal.path("actorId").asString()).isEqualTo(vendor.id().toString());
		assertThat(refusal.path("outcome").asString()).isEqualTo("REFUSED");
		assertThat(refusal.path("details").path("permission").asString()).isEqualTo("users.manage");
		Org other = fixtures.organization();
		assertThat(api.get("/organization/security", other.token()).json().path("chiefOperator").path("chiefOperatorId")
			.asString()).isEqualTo(other.chiefId().toString());
	}

	@Test
	void theChiefOperatorHandsTheTitleToAnotherVerifiedAdministratorAndThePrimaryEmailFollows() {
		Member vendor = fixtures.member(org, "Vendor", "VENDOR");
		api.post("/organization/chief-operator", json("userId", vendor.id()), org.token()).expectProblem(409, "conflict");

		Member second = fixtures.member(org, "Administrator", "EMPLOYEE");
		Enrolled enrolled = fixtures.signInThroughEnrollment(org.slug(), second.email(), second.password());
		api.post("/organization/chief-operator", json("userId", org.chiefId()), enrolled.accessToken())
			.expectProblem(403, "forbidden");
		JsonNode moved = api.post("/organization/chief-operator", json("userId", second.id()), org.token())
			.expect(200).json();
		assertThat(moved.path("chiefOperatorId").asString()).isEqualTo(second.id().toString());
		assertThat(moved.path("primaryEmail").asString()).isEqualTo(second.email());
		assertThat(api.get("/me", enrolled.accessToken()).json().path("chiefOperator").asBoolean()).isTrue();
		assertThat(mailbox.await(org.chiefEmail(), "chief operator").body()).contains(second.email());
		assertThat(mailbox.await(second.email(), "chief operator").body()).contains(second.email());
		assertThat(fixtures.audited(org.token(), AuditAction.ORGANIZATION_CHIEF_OPERATOR_CHANGED.value(), second.id())).isNotNull();
	}

	@Test
	void theAuditTrailExportsAsCsvAndJsonAndItsChainCheckNamesTheFirstBrokenLink() {
		fixtures.member(org, "Vendor", "VENDOR");
		JsonNode verification = api.get("/audit-events/verification", org.token()).expect(200).json();
		assertThat(verification.path("intact").asBoolean()).isTrue();
		long events = verification.path("events").asLong();
		assertThat(events).isGreaterThanOrEqualTo(4);

		Api.Response csv = api.get("/audit-events/export?format=csv&action=user.invited", org.token()).expect(200);
		assertThat(csv.header("Content-Type").orElse("")).startsWith("text/csv");
		assertThat(csv.body().lines().findFirst().orElse("")).startsWith("seq,id,occurred_at");
		assertThat(csv.body()).contains(AuditAction.USER_INVITED.value());
		JsonNode json = api.get("/audit-events/export?format=json", org.token()).expect(200).json();
		assertThat(json.size()).isEqualTo((int) events);
		api.get("/audit-events/export?format=xml", org.token()).expectProblem(400, "invalid-input");

		jdbc.sql("UPDATE audit_event SET details = ? WHERE organization_id = ? AND seq = 3")
			.params("{\"tampered\":\"yes\"}", org.id()).update();
		JsonNode broken = api.get("/audit-events/verification", org.token()).expect(200).json();
		assertThat(broken.path("intact").asBoolean()).isFalse();
		assertThat(broken.path("firstBrokenSeq").asLong()).isEqualTo(3);
	}

	@Test
	void theAuditTrailFiltersByActionActorTargetAndTime() {
		Member vendor = fixtures.member(org, "Vendor", "VENDOR");
		UUID target = vendor.id();
		JsonNode byTarget = api.get("/audit-events?targetId=" + target, org.token()).expect(200).json();
		assertThat(byTarget.path("items").findValuesAsString("action")).contains(AuditAction.USER_INVITED.value());
		JsonNode byActor = api.get("/audit-events?actorId=" + org.chiefId() + "&action=user.invited", org.token())
			.expect(200).json();
		assertThat(byActor.path("items").size()).isEqualTo(1);
		JsonNode future = api.get("/audit-events?from=" + clock.instant().plusSeconds(3600), org.token()).expect(200)
			.json();
		assertThat(future.path("items").size()).isZero();
		api.get("/audit-events?from=yesterday", org.token()).expectProblem(400, "invalid-input");
	}

}
