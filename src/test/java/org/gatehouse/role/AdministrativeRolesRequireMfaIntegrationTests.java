package org.gatehouse.role;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.gatehouse.audit.AuditAction;
import org.gatehouse.support.Api;
import org.gatehouse.support.Console;
import org.gatehouse.support.Fixtures.Member;
import org.gatehouse.support.Fixtures.Org;
import org.gatehouse.support.IntegrationTest;
import org.gatehouse.support.IntegrationTestBase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gatehouse.support.Api.json;

/**
 * A role that grants an administrative permission always requires MFA, and no MFA exemption is
 * granted to a holder of one (docs/security.md, who may do what). The help article's "turn off the
 * role's MFA" (S3) stays for the other roles.
 */
@IntegrationTest
class AdministrativeRolesRequireMfaIntegrationTests extends IntegrationTestBase {

	static final int ROUNDS = 20;

	static final List<String> ADMINISTRATIVE = List.of("users.read", "users.manage", "roles.manage", "audit.read",
			"organization.manage");

	Org org;

	UUID administrator;

	@BeforeEach
	void organization() {
		org = fixtures.organization();
		administrator = fixtures.roleId(org, "Administrator");
	}

	JsonNode refusal(String action) {
		return fixtures.audit(org.token(), action).stream()
			.filter(e -> e.path("outcome").asString().equals("REFUSED"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no refused " + action));
	}

	@Test
	void refusesTurningOffTheMfaRequirementOfTheAdministratorRole() {
		JsonNode before = api.get("/roles/" + administrator, org.token()).expect(200).json();

		api.patch("/roles/" + administrator, json("requireMfa", false), org.token()).expectProblem(409, "conflict");
		Api.Response refused = api.patch("/roles/" + administrator,
				json("requireMfa", false, "reason", "nobody has a phone"), org.token())
			.expectProblem(409, "conflict");
		assertThat(refused.text("detail")).contains("always requires MFA");

		assertThat(api.get("/roles/" + administrator, org.token()).expect(200).json()).isEqualTo(before);
		assertThat(refusal(AuditAction.ROLE_UPDATED.value()).path("details").path("refusal").asString())
			.isEqualTo("administration-without-mfa");
		assertThat(fixtures.audit(org.token(), AuditAction.ROLE_MFA_REQUIREMENT_CHANGED.value())).isEmpty();
	}

	@Test
	void refusesCreatingARoleWithAdministrativePermissionsAndNoMfaRequirement() {
		int roles = api.get("/roles", org.token()).expect(200).json().size();

		api.post("/roles", json("name", "Shadow admins", "permissions", ADMINISTRATIVE, "requireMfa", false),
				org.token()).expectProblem(409, "conflict");
		for (String permission : List.of("users.manage", "roles.manage", "organization.manage")) {
			api.post("/roles", json("name", "Only " + permission, "permissions", List.of(permission)), org.token())
				.expectProblem(409, "conflict");
		}

		assertThat(api.get("/roles", org.token()).expect(200).json().size()).isEqualTo(roles);
		assertThat(refusal(AuditAction.ROLE_CREATED.value()).path("details").path("refusal").asString())
			.isEqualTo("administration-without-mfa");
		assertThat(fixtures.audit(org.token(), AuditAction.ROLE_CREATED.value()))
			.noneMatch(e -> e.path("outcome").asString().equals("SUCCESS"));

		// with the requirement, or without an administrative permission, a role is created as before
		fixtures.createRole(org, "Helpdesk", true, "users.read", "users.manage");
		fixtures.createRole(org, "Auditors", false, "users.read", "audit.read");
	}

	@Test
	void refusesAddingAnAdministrativePermissionToARoleWithoutMfaUnlessTheSameRequestTurnsItOn() {
		UUID vendor = fixtures.roleId(org, "Vendor");
		api.patch("/roles/" + vendor, json("permissions", List.of("users.manage", "users.read")), org.token())
			.expectProblem(409, "conflict");
		JsonNode unchanged = api.get("/roles/" + vendor, org.token()).expect(200).json();
		assertThat(unchanged.path("permissions")).isEmpty();
		assertThat(unchanged.path("requireMfa").asBoolean()).isFalse();
		assertThat(refusal(AuditAction.ROLE_UPDATED.value()).path("targetId").asString()).isEqualTo(vendor.toString());

		JsonNode changed = api.patch("/roles/" + vendor, json("permissions", List.of("users.manage", "users.read"),
				"requireMfa", true, "reason", "vendors manage their own staff"), org.token()).expect(200).json();
		assertThat(changed.path("requireMfa").asBoolean()).isTrue();
		assertThat(fixtures.audited(org.token(), AuditAction.ROLE_MFA_REQUIREMENT_CHANGED.value(), vendor).path("details")
			.path("requireMfa.after").asString()).isEqualTo("true");
	}

	@Test
	void aRoleWithoutAnAdministrativePermissionMayStillTurnItsRequirementOff() {
		UUID employee = fixtures.roleId(org, "Employee");
		assertThat(api.patch("/roles/" + employee, json("requireMfa", false, "reason", "field staff without phones"),
				org.token()).expect(200).json().path("requireMfa").asBoolean()).isFalse();
	}

	/**
	 * Each edit is allowed on its own; together they would leave users.manage without MFA. The role's row
	 * is locked for the edit, so the second one sees the first and is refused.
	 */
	@Test
	void twoEditsAtTheSameInstantNeverLeaveARoleGrantingAdministrationWithoutMfa() throws Exception {
		ExecutorService threads = Executors.newFixedThreadPool(2);
		try {
			for (int round = 0; round < ROUNDS; round++) {
				UUID role = fixtures.createRole(org, "Desk " + round, true, "users.read");
				CyclicBarrier together = new CyclicBarrier(2);
				Future<Api.Response> grant = threads.submit(() -> {
					together.await();
					return api.patch("/roles/" + role, json("permissions", List.of("users.read", "users.manage")),
							org.token());
				});
				Future<Api.Response> relax = threads.submit(() -> {
					together.await();
					return api.patch("/roles/" + role, json("requireMfa", false, "reason", "no phones"), org.token());
				});
				List<Integer> statuses = List.of(grant.get(30, TimeUnit.SECONDS).status(),
						relax.get(30, TimeUnit.SECONDS).status());

				assertThat(statuses).as("round " + round).containsExactlyInAnyOrder(200, 409);
				JsonNode after = api.get("/roles/" + role, org.token()).expect(200).json();
				boolean administrative = after.path("permissions").toString().contains("users.manage");
				assertThat(after.path("requireMfa").asBoolean() || !administrative).as("round " + round + ": " + after)
					.isTrue();
			}
		}
		finally {
			threads.shutdownNow();
		}
		assertThat(fixtures.audit(org.token(), AuditAction.ROLE_UPDATED.value()).stream()
			.filter(e -> e.path("details").path("refusal").asString("").equals("administration-without-mfa")))
			.hasSize(ROUNDS);
	}

	@Test
	void refusesAnExemptionForAnAdministratorAndTheirSignInStillOwesMfa() {
		Member admin = fixtures.member(org, "Administrator", "EMPLOYEE");
		String until = clock.instant().plus(Duration.ofDays(2)).toString();

		Api.Response refused = api.post("/users/" + admin.id() + "/mfa/exemption",
				json("until", until, "reason", "phone in repair"), org.token())
			.expectProblem(409, "conflict");
		assertThat(refused.text("detail")).contains("no exemption");

		assertThat(api.get("/users/" + admin.id(), org.token()).expect(200).json().path("mfa").path("exemptUntil")
			.isMissingNode()).isTrue();
		JsonNode audited = refusal(AuditAction.USER_MFA_EXEMPTION_GRANTED.value());
		assertThat(audited.path("targetId").asString()).isEqualTo(admin.id().toString());
		assertThat(audited.path("details").path("refusal").asString()).isEqualTo("administrative-role");
		assertThat(fixtures.password(org.slug(), admin.email(), admin.password()).expect(200).text("next"))
			.isEqualTo("MFA_ENROLLMENT");
	}

	@Test
	void anExemptedEmployeeMovedIntoAnAdministrativeRoleMustPassMfa() {
		Member employee = fixtures.member(org, "Employee", "EMPLOYEE");
		api.post("/users/" + employee.id() + "/mfa/exemption",
				json("until", clock.instant().plus(Duration.ofDays(2)).toString(), "reason", "phone in repair"),
				org.token()).expect(200);
		String token = fixtures.accessToken(org.slug(), employee.email(), employee.password());
		api.get("/me", token).expect(200);

		api.put("/users/" + employee.id() + "/role", json("roleId", administrator, "reason", "promoted"), org.token())
			.expect(200);

		api.get("/me", token).expectProblem(403, "mfa-required");
		api.get("/users", token).expectProblem(403, "mfa-required");
		assertThat(fixtures.password(org.slug(), employee.email(), employee.password()).expect(200).text("next"))
			.isEqualTo("MFA_ENROLLMENT");
	}

	@Test
	void theConsoleNeverOffersToTurnOffAnAdministrativeRolesMfaNorToExemptItsMembers() {
		Member admin = fixtures.member(org, "Administrator", "EMPLOYEE");
		Member vendor = fixtures.member(org, "Vendor", "VENDOR");
		Console console = fixtures.console();
		console.signIn(org.slug(), org.chiefEmail(), org.password()).expectRedirect("/login/challenge");
		clock.advanceToNextTotpStep();
		console.post("/login/challenge", "code", fixtures.totp(org.totpSecret())).expectRedirect("/");

		var role = console.get("/roles/" + administrator).expect(200).html();
		assertThat(role.selectFirst("#require-mfa")).isNull();
		assertThat(role.selectFirst("#require-mfa-always").text()).contains("administrative permission");
		assertThat(console.get("/roles/" + fixtures.roleId(org, "Vendor")).expect(200).html().selectFirst("#require-mfa"))
			.isNotNull();

		// saving the Administrator role from its page keeps the requirement on
		console.post("/roles/" + administrator, "name", "Administrator", "permissions", "users.read", "permissions",
				"users.manage", "permissions", "roles.manage", "permissions", "audit.read", "permissions",
				"organization.manage", "requireMfa", "true").expectRedirect("/roles/" + administrator);
		assertThat(api.get("/roles/" + administrator, org.token()).expect(200).json().path("requireMfa").asBoolean())
			.isTrue();

		// a new administrative role without the requirement is refused, in words
		console.post("/roles", "name", "Shadow admins", "permissions", "users.manage").expectRedirect("/roles");
		assertThat(console.get("/roles").expect(200).body()).contains("always requires MFA");
		assertThat(api.get("/roles", org.token()).expect(200).body()).doesNotContain("Shadow admins");

		assertThat(console.get("/users/" + admin.id()).expect(200).html().selectFirst("#exempt-button")).isNull();
		assertThat(console.get("/users/" + vendor.id()).expect(200).html().selectFirst("#exempt-button")).isNotNull();
		console.post("/users/" + admin.id() + "/mfa/exemption", "days", "2", "reason", "trip")
			.expectRedirect("/users/" + admin.id());
		assertThat(console.get("/users/" + admin.id()).expect(200).body()).contains("no exemption");
		assertThat(api.get("/users/" + admin.id(), org.token()).expect(200).json().path("mfa").path("exemptUntil")
			.isMissingNode()).isTrue();
	}

}
