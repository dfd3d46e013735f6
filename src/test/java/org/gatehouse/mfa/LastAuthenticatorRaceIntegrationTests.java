package org.gatehouse.mfa;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.gatehouse.audit.AuditAction;
import org.gatehouse.support.Api;
import org.gatehouse.support.Fixtures.Member;
import org.gatehouse.support.Fixtures.Org;
import org.gatehouse.support.IntegrationTest;
import org.gatehouse.support.IntegrationTestBase;
import org.gatehouse.support.Race;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gatehouse.support.Api.json;
import static org.gatehouse.support.Fixtures.PASSWORD;

/**
 * The last authenticator of a user whose role requires MFA stays, also when every device is
 * removed at the same instant; and the counts that /me, the user list and the lockout-risk view
 * read equal the rows left.
 */
@IntegrationTest
class LastAuthenticatorRaceIntegrationTests extends IntegrationTestBase {

	static final int ROUNDS = 20;

	static final String REMOVED_SUBJECT = "authenticator was removed";

	/** An employee (the role requires MFA) with three devices, signed in with a fresh second factor. */
	Member employeeWithThreeDevices(Org org) {
		Member member = fixtures.member(org, "Employee", "EMPLOYEE");
		Member signedIn = member.withToken(
				fixtures.signInThroughEnrollment(org.slug(), member.email(), PASSWORD).accessToken());
		addDevice(signedIn, "Tablet");
		addDevice(signedIn, "Laptop");
		return signedIn;
	}

	void addDevice(Member member, String label) {
		Api.Response started = api.post("/me/authenticators", json("label", label), member.token()).expect(201);
		api.post("/me/authenticators/" + started.text("authenticatorId") + "/confirm",
				json("code", fixtures.totp(started.text("secret"))), member.token()).expect(200);
	}

	List<String> deviceIds(Member member) {
		List<String> ids = new ArrayList<>();
		api.get("/me/authenticators", member.token()).expect(200).json().forEach(d -> ids.add(d.path("id").asString()));
		return ids;
	}

	@Test
	void threeDevicesRemovedAtOnceLeaveTheLastOneAndCountsThatMatchTheRows() {
		Org org = fixtures.organization();
		for (int round = 0; round < ROUNDS; round++) {
			Member member = employeeWithThreeDevices(org);
			List<String> ids = deviceIds(member);
			assertThat(ids).hasSize(3);
			List<Supplier<Api.Response>> removals = new ArrayList<>();
			ids.forEach(id -> removals.add(() -> api.delete("/me/authenticators/" + id, member.token())));

			@SuppressWarnings("unchecked")
			List<Api.Response> answers = Race.of(removals.toArray(Supplier[]::new));

			assertThat(answers).as("the answers of the race: %s", answers).filteredOn(a -> a.status() == 204).hasSize(2);
			answers.stream().filter(a -> a.status() != 204).forEach(a -> a.expectProblem(409, "conflict"));
			assertThat(devicesInTheDatabase(org, member)).isEqualTo(1);
			assertCountsShowOneDevice(org, member);
			assertThat(employeeCoverage(org).path("withBackupDevice").asInt()).as("employees with a backup device")
				.isZero();
			assertThat(employeeCoverage(org).path("withAuthenticator").asInt()).isEqualTo(round + 1);
			assertThat(audited(org, member, AuditAction.MFA_AUTHENTICATOR_REMOVED.value(), "SUCCESS")).isEqualTo(2);
			assertThat(audited(org, member, AuditAction.MFA_AUTHENTICATOR_REMOVED.value(), "REFUSED")).isEqualTo(1);
			assertThat(mailbox.queuedFor(member.email(), REMOVED_SUBJECT)).isEqualTo(2);
		}
	}

	/**
	 * An administrator's reset (S1) and the user's own removal at the same instant: whichever runs
	 * second counts what the first left, so no count of a device that is gone outlives the race.
	 */
	@Test
	void anAdministratorsResetRacingTheUsersOwnRemovalLeavesNoDeviceCounted() {
		Org org = fixtures.organization();
		for (int round = 0; round < ROUNDS; round++) {
			Member member = employeeWithThreeDevices(org);
			String first = deviceIds(member).get(0);
			List<Api.Response> answers = Race.of(
					() -> api.post("/users/" + member.id() + "/mfa/disable", json("reason", "race"), org.token()),
					() -> api.delete("/me/authenticators/" + first, member.token()));

			answers.get(0).expect(200);
			assertThat(answers.get(1).status()).as("the removal: %s", answers.get(1)).isIn(204, 401, 404);
			assertThat(devicesInTheDatabase(org, member)).isZero();
			JsonNode shown = api.get("/users/" + member.id(), org.token()).expect(200).json().path("mfa");
			assertThat(shown.path("authenticators").asInt()).as("the administrator's view of %s", answers).isZero();
			assertThat(shown.path("recoveryCodesLeft").asInt()).isZero();
			assertThat(fixtures.password(org.slug(), member.email(), PASSWORD).expect(200).text("next"))
				.as("the next sign-in").isEqualTo("MFA_ENROLLMENT");
		}
	}

	/** The user's own view, the administrator's list and the single-device count agree with the rows. */
	private void assertCountsShowOneDevice(Org org, Member member) {
		JsonNode me = api.get("/me", member.token()).expect(200).json();
		assertThat(me.path("authenticators").asInt()).as("/me of " + member.email()).isEqualTo(1);
		assertThat(api.get("/me/authenticators", member.token()).expect(200).json()).hasSize(1);
		JsonNode shown = api.get("/users/" + member.id(), org.token()).expect(200).json().path("mfa");
		assertThat(shown.path("authenticators").asInt()).as("the administrator's view").isEqualTo(1);
		assertThat(shown.path("backupDevice").asBoolean()).isFalse();
		JsonNode listed = api.get("/users" + Api.query("q", member.email()), org.token()).expect(200).json()
			.path("items");
		assertThat(listed).hasSize(1);
		assertThat(listed.get(0).path("mfa").path("authenticators").asInt()).as("the user list").isEqualTo(1);
	}

	/** The Employee role's line of the lockout-risk view. */
	private JsonNode employeeCoverage(Org org) {
		for (JsonNode role : api.get("/organization/security", org.token()).expect(200).json().path("roles")) {
			if (role.path("name").asString().equals("Employee")) {
				return role;
			}
		}
		throw new AssertionError("no Employee line in the security overview of " + org.slug());
	}

	private long devicesInTheDatabase(Org org, Member member) {
		return jdbc.sql("""
				SELECT COUNT(*) FROM authenticator WHERE organization_id = ? AND user_id = ? AND status <> 'PENDING'""")
			.params(org.id(), member.id())
			.query(Long.class)
			.single();
	}

	private long audited(Org org, Member member, String action, String outcome) {
		return jdbc.sql("""
				SELECT COUNT(*) FROM audit_event WHERE organization_id = ? AND target_id = ? AND action = ? AND outcome = ?""")
			.params(org.id(), member.id(), action, outcome)
			.query(Long.class)
			.single();
	}

}
