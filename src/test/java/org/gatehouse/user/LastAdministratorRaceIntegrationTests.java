package org.gatehouse.user;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.gatehouse.audit.AuditAction;
import org.gatehouse.support.Api;
import org.gatehouse.support.Fixtures;
import org.gatehouse.support.Fixtures.Member;
import org.gatehouse.support.Fixtures.Org;
import org.gatehouse.support.IntegrationTest;
import org.gatehouse.support.IntegrationTestBase;
import org.gatehouse.support.Race;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gatehouse.support.Api.json;
import static org.gatehouse.support.Fixtures.PASSWORD;

/**
 * S7 under concurrency: two changes that each leave one administrator, sent at the same instant
 * (as to two nodes), must not together leave none. Each test races in many organizations, since
 * one race may happen to run in order.
 */
@IntegrationTest
class LastAdministratorRaceIntegrationTests extends IntegrationTestBase {

	static final int ROUNDS = 20;

	/** What the losing request may answer: the guard's 409, or, when the winner committed before it was let in, 401/403. */
	static final Set<Integer> REFUSALS = Set.of(401, 403, 409);

	/** An organization whose chief operator and a second administrator are both signed in with a second factor. */
	record TwoAdministrators(Org org, Member second) {

		UUID employee(Fixtures fixtures) {
			return fixtures.roleId(org, "Employee");
		}

	}

	TwoAdministrators twoAdministrators() {
		Org org = fixtures.organization();
		return twoAdministrators(org, fixtures.roleId(org, "Administrator"));
	}

	TwoAdministrators twoAdministrators(Org org, UUID roleId) {
		Member second = fixtures.member(org, roleId, "EMPLOYEE", "Second " + Fixtures.unique());
		String token = fixtures.signInThroughEnrollment(org.slug(), second.email(), PASSWORD).accessToken();
		return new TwoAdministrators(org, second.withToken(token));
	}

	@Test
	void twoAdministratorsDemotingEachOtherAtOnceLeaveOneOfThem() {
		List<Integer> refusals = new ArrayList<>();
		for (int round = 0; round < ROUNDS; round++) {
			TwoAdministrators o = twoAdministrators();
			UUID employee = o.employee(fixtures);
			List<Api.Response> answers = Race.of(
					() -> api.put("/users/" + o.second().id() + "/role", json("roleId", employee), o.org().token()),
					() -> api.put("/users/" + o.org().chiefId() + "/role", json("roleId", employee), o.second().token()));

			refusals.add(assertOneWonAndTheOtherWasRefused(o.org(), answers));
			assertThat(successes(o.org(), AuditAction.USER_ROLE_CHANGED.value())).isEqualTo(1);
		}
		assertTheGuardWasReached(refusals);
	}

	@Test
	void twoAdministratorsDisablingEachOtherAtOnceLeaveOneOfThem() {
		List<Integer> refusals = new ArrayList<>();
		for (int round = 0; round < ROUNDS; round++) {
			TwoAdministrators o = twoAdministrators();
			List<Api.Response> answers = Race.of(
					() -> api.post("/users/" + o.second().id() + "/disable", json("reason", "race"), o.org().token()),
					() -> api.post("/users/" + o.org().chiefId() + "/disable", json("reason", "race"),
							o.second().token()));

			refusals.add(assertOneWonAndTheOtherWasRefused(o.org(), answers));
			assertThat(successes(o.org(), AuditAction.USER_DISABLED.value())).isEqualTo(1);
		}
		assertTheGuardWasReached(refusals);
	}

	@Test
	void aDemotionRacingADisableLeavesOneAdministrator() {
		List<Integer> refusals = new ArrayList<>();
		for (int round = 0; round < ROUNDS; round++) {
			TwoAdministrators o = twoAdministrators();
			UUID employee = o.employee(fixtures);
			List<Api.Response> answers = Race.of(
					() -> api.put("/users/" + o.second().id() + "/role", json("roleId", employee), o.org().token()),
					() -> api.post("/users/" + o.org().chiefId() + "/disable", json("reason", "race"),
							o.second().token()));

			refusals.add(assertOneWonAndTheOtherWasRefused(o.org(), answers));
			assertThat(successes(o.org(), AuditAction.USER_ROLE_CHANGED.value()) + successes(o.org(), AuditAction.USER_DISABLED.value())).isEqualTo(1);
		}
		assertTheGuardWasReached(refusals);
	}

	@Test
	void takingUsersManageFromARoleRacingADemotionLeavesOneAdministrator() {
		List<Integer> refusals = new ArrayList<>();
		for (int round = 0; round < ROUNDS; round++) {
			Org org = fixtures.organization();
			UUID deputy = fixtures.createRole(org, "Deputy", true, "users.manage", "users.read", "roles.manage",
					"audit.read", "organization.manage");
			TwoAdministrators o = twoAdministrators(org, deputy);
			UUID employee = o.employee(fixtures);
			List<Api.Response> answers = Race.of(
					() -> api.patch("/roles/" + deputy,
							json("permissions", List.of("users.read", "roles.manage", "audit.read", "organization.manage"),
									"reason", "race"), org.token()),
					() -> api.put("/users/" + org.chiefId() + "/role", json("roleId", employee), o.second().token()));

			refusals.add(assertOneWonAndTheOtherWasRefused(org, answers));
			assertThat(successes(org, AuditAction.ROLE_UPDATED.value()) + successes(org, AuditAction.USER_ROLE_CHANGED.value())).isEqualTo(1);
		}
		assertTheGuardWasReached(refusals);
	}

	/**
	 * The hand-over of the chief operator's title lowers no administrator, but it reads its target's
	 * role before it writes: under the lock the demotions take, it reads the role after a demotion
	 * that committed first, and the title never goes to someone demoted before it was handed over.
	 */
	@Test
	void aHandOverRacingTheDemotionOfItsTargetNeverGoesToAUserDemotedBeforeIt() {
		for (int round = 0; round < ROUNDS; round++) {
			TwoAdministrators o = twoAdministrators();
			Member third = twoAdministrators(o.org(), fixtures.roleId(o.org(), "Administrator")).second();
			UUID employee = o.employee(fixtures);
			List<Api.Response> answers = Race.of(
					() -> api.post("/organization/chief-operator", json("userId", o.second().id()), o.org().token()),
					() -> api.put("/users/" + o.second().id() + "/role", json("roleId", employee), third.token()));

			assertThat(answers.get(1).status()).as("the demotion: %s", answers.get(1)).isEqualTo(200);
			if (answers.get(0).status() == 200) {
				assertThat(sequence(o.org(), AuditAction.ORGANIZATION_CHIEF_OPERATOR_CHANGED.value()))
					.as("the hand-over is audited before the demotion of its target")
					.isLessThan(sequence(o.org(), AuditAction.USER_ROLE_CHANGED.value()));
			}
			else {
				answers.get(0).expectProblem(409, "conflict");
				assertThat(chiefOperator(o.org())).isEqualTo(o.org().chiefId());
			}
		}
	}

	/**
	 * One answer is 200, the other a refusal; the organization keeps exactly one active user who
	 * holds users.manage and can sign in; a 409 left its refusal in the audit trail.
	 */
	private int assertOneWonAndTheOtherWasRefused(Org org, List<Api.Response> answers) {
		assertThat(answers).as("the answers of the race: %s", answers).filteredOn(a -> a.status() == 200).hasSize(1);
		Api.Response refused = answers.stream().filter(a -> a.status() != 200).findFirst().orElseThrow();
		assertThat(refused.status()).as(refused.toString()).isIn(REFUSALS);
		if (refused.status() == 409) {
			refused.expectProblem(409, "last-administrator");
			assertThat(refusals(org, "last-administrator")).isEqualTo(1);
		}
		assertThat(activeManagers(org)).as("active users who can manage users in " + org.slug()).isEqualTo(1);
		return refused.status();
	}

	/** Some rounds must have met the guard itself, or they ran one after the other and proved nothing. */
	private static void assertTheGuardWasReached(List<Integer> refusals) {
		assertThat(refusals).as("the refusals of %d rounds", ROUNDS).contains(409);
	}

	private long activeManagers(Org org) {
		return jdbc.sql("""
				SELECT COUNT(*) FROM app_user u JOIN role r ON r.organization_id = u.organization_id AND r.id = u.role_id
				WHERE u.organization_id = ? AND u.status = 'ACTIVE' AND u.password_hash IS NOT NULL
				AND r.permissions LIKE '%users.manage%'""")
			.param(org.id())
			.query(Long.class)
			.single();
	}

	private long sequence(Org org, String action) {
		return jdbc.sql("SELECT seq FROM audit_event WHERE organization_id = ? AND action = ? AND outcome = 'SUCCESS'")
			.params(org.id(), action)
			.query(Long.class)
			.single();
	}

	private UUID chiefOperator(Org org) {
		return jdbc.sql("SELECT chief_operator_id FROM organization WHERE id = ?").param(org.id())
			.query(UUID.class)
			.single();
	}

	private long successes(Org org, String action) {
		return jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE organization_id = ? AND action = ? AND outcome = 'SUCCESS'")
			.params(org.id(), action)
			.query(Long.class)
			.single();
	}

	private long refusals(Org org, String refusal) {
		return jdbc.sql("""
				SELECT COUNT(*) FROM audit_event WHERE organization_id = ? AND outcome = 'REFUSED' AND details LIKE ?""")
			.params(org.id(), "%\"refusal\":\"" + refusal + "\"%")
			.query(Long.class)
			.single();
	}

}
