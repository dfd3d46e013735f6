package org.gatehouse;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import org.gatehouse.audit.AuditAction;
import org.gatehouse.support.Api;
import org.gatehouse.support.Fixtures.Member;
import org.gatehouse.support.Fixtures.Org;
import org.gatehouse.support.IntegrationTest;
import org.gatehouse.support.IntegrationTestBase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gatehouse.support.Api.json;
import static org.gatehouse.support.Fixtures.uniqueEmail;

/**
 * Tenancy comes only from the signed-in principal (docs/security.md, who may do what): an id of
 * another organization behaves exactly like an id that does not exist — 404, the same body, nothing
 * changed, no email.
 */
@IntegrationTest
class CrossTenantIntegrationTests extends IntegrationTestBase {

	Org a;

	Org b;

	Member bVendor;

	Member bDisabled;

	@BeforeEach
	void twoOrganizations() {
		a = fixtures.organization();
		b = fixtures.organization();
		bVendor = fixtures.member(b, "Vendor", "VENDOR");
		bDisabled = fixtures.member(b, "Client", "CLIENT");
		api.post("/users/" + bDisabled.id() + "/disable", json("reason", "left"), b.token()).expect(200);
	}

	@Test
	void anotherOrganizationsUserIdAnswersLikeAnIdThatDoesNotExistAndNothingChanges() {
		String before = snapshot(b);
		String until = clock.instant().plus(Duration.ofDays(1)).toString();

		answersLikeNoSuchId(id -> api.get("/users/" + id, a.token()), bVendor.id());
		answersLikeNoSuchId(id -> api.post("/users/" + id + "/disable", json("reason", "x"), a.token()), bVendor.id());
		answersLikeNoSuchId(id -> api.post("/users/" + id + "/enable", null, a.token()), bDisabled.id());
		answersLikeNoSuchId(id -> api.put("/users/" + id + "/role", json("roleId", fixtures.roleId(a, "Vendor")),
				a.token()), bVendor.id());
		answersLikeNoSuchId(id -> api.get("/users/" + id + "/authenticators", a.token()), b.chiefId());
		answersLikeNoSuchId(id -> api.post("/users/" + id + "/mfa/disable", json("reason", "lost device"), a.token()),
				b.chiefId());
		answersLikeNoSuchId(id -> api.post("/users/" + id + "/mfa/exemption", json("until", until, "reason", "trip"),
				a.token()), bVendor.id());
		answersLikeNoSuchId(id -> api.delete("/users/" + id + "/mfa/exemption", a.token()), bVendor.id());
		answersLikeNoSuchId(id -> api.post("/organization/chief-operator", json("userId", id), a.token()),
				b.chiefId());

		assertThat(api.get("/audit-events" + Api.query("targetId", bVendor.id()), a.token()).expect(200).json()
			.path("items").size()).isZero();
		assertThat(snapshot(b)).isEqualTo(before);
		assertThat(api.get("/users/" + bDisabled.id(), b.token()).expect(200).text("status")).isEqualTo("DISABLED");
		nothingReachedB();
	}

	@Test
	void anotherOrganizationsRoleIdAnswersLikeAnIdThatDoesNotExistAndNothingChanges() {
		String before = snapshot(b);
		UUID bAdministrator = fixtures.roleId(b, "Administrator");
		UUID bVendorRole = fixtures.roleId(b, "Vendor");
		Member aVendor = fixtures.member(a, "Vendor", "VENDOR");

		answersLikeNoSuchId(id -> api.get("/roles/" + id, a.token()), bAdministrator);
		answersLikeNoSuchId(id -> api.patch("/roles/" + id, json("requireMfa", false, "reason", "x"), a.token()),
				bAdministrator);
		answersLikeNoSuchId(id -> api.patch("/roles/" + id, json("name", "Pwned"), a.token()), bVendorRole);
		answersLikeNoSuchId(id -> api.get("/roles/" + id + "/mfa-impact", a.token()), bAdministrator);
		// an id in the body: the user is A's own, the role is B's
		answersLikeNoSuchId(id -> api.put("/users/" + aVendor.id() + "/role", json("roleId", id), a.token()),
				bAdministrator);
		String email = uniqueEmail("intruder");
		answersLikeNoSuchId(id -> fixtures.invite(a.token(), email, "Ivy", "EMPLOYEE", id), bAdministrator);

		assertThat(api.get("/users/" + aVendor.id(), a.token()).expect(200).text("roleId"))
			.isEqualTo(aVendor.roleId().toString());
		assertThat(api.get("/users" + Api.query("q", email), a.token()).expect(200).json().path("total").asLong())
			.isZero();
		assertThat(mailbox.queuedFor(email)).isZero();
		assertThat(fixtures.audit(a.token(), AuditAction.USER_ROLE_CHANGED.value())).isEmpty();
		assertThat(fixtures.audit(a.token(), AuditAction.USER_INVITED.value())).hasSize(1); // aVendor's own invitation only
		assertThat(snapshot(b)).isEqualTo(before);
		nothingReachedB();
	}

	/**
	 * Calls the endpoint with the other organization's id and with a random one: both answer 404
	 * not-found with the same body (apart from the id echoed in {@code instance}).
	 */
	private void answersLikeNoSuchId(Function<UUID, Api.Response> call, UUID foreignId) {
		UUID randomId = UUID.randomUUID();
		Api.Response foreign = call.apply(foreignId);
		Api.Response random = call.apply(randomId);
		random.expectProblem(404, "not-found");
		foreign.expectProblem(404, "not-found");
		assertThat(foreign.body().replace(foreignId.toString(), "{id}"))
			.as(foreign.request())
			.isEqualTo(random.body().replace(randomId.toString(), "{id}"));
	}

	/**
	 * What organization B's chief operator sees of users, roles, their own devices and the audit
	 * trail, and how many messages were ever queued for B's people.
	 */
	private String snapshot(Org org) {
		return String.join("\n", api.get("/users" + Api.query("size", 200), org.token()).expect(200).body(),
				api.get("/roles", org.token()).expect(200).body(),
				api.get("/me/authenticators", org.token()).expect(200).body(),
				api.get("/audit-events" + Api.query("limit", 500), org.token()).expect(200).body(),
				"mail to chief: " + mailbox.queuedFor(org.chiefEmail()),
				"mail to vendor: " + mailbox.queuedFor(bVendor.email()),
				"mail to disabled: " + mailbox.queuedFor(bDisabled.email()));
	}

	private void nothingReachedB() {
		List<JsonNode> byA = fixtures.audit(b.token(), null).stream()
			.filter(e -> a.chiefId().toString().equals(e.path("actorId").asString(null)))
			.toList();
		assertThat(byA).isEmpty();
		assertThat(mailbox.queuedFor(bVendor.email())).isEqualTo(1); // the invitation
		assertThat(mailbox.queuedFor(bDisabled.email())).isEqualTo(2); // the invitation, then "disabled"
	}

}
