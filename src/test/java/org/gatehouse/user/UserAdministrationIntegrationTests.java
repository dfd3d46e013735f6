package org.gatehouse.user;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.gatehouse.audit.AuditAction;
import org.gatehouse.support.Api;
import org.gatehouse.support.Console;
import org.gatehouse.support.Fixtures;
import org.gatehouse.support.Fixtures.Member;
import org.gatehouse.support.Fixtures.Org;
import org.gatehouse.support.IntegrationTest;
import org.gatehouse.support.IntegrationTestBase;
import org.gatehouse.support.Mailbox;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gatehouse.support.Api.json;
import static org.gatehouse.support.Api.query;
import static org.gatehouse.support.Fixtures.INVITATION_SUBJECT;
import static org.gatehouse.support.Fixtures.PASSWORD;
import static org.gatehouse.support.Fixtures.uniqueEmail;

@IntegrationTest
class UserAdministrationIntegrationTests extends IntegrationTestBase {

	static final String ACCESS_CHANGED = "Your access to";

	@Test
	void anInvitedVendorSetsAPasswordThroughTheMailedLinkAndSignsInWithThePasswordAlone() {
		Org org = fixtures.organization();
		UUID vendorRole = fixtures.roleId(org, "Vendor");
		String email = uniqueEmail("Vendor");

		JsonNode invited = fixtures.invite(org.token(), email, "Vera Vendor", "VENDOR", vendorRole).expect(201).json();
		UUID id = UUID.fromString(invited.path("id").asString());
		assertThat(invited.path("email").asString()).isEqualTo(email.toLowerCase());
		assertThat(invited.path("status").asString()).isEqualTo("INVITED");
		assertThat(invited.path("roleId").asString()).isEqualTo(vendorRole.toString());

		Mailbox.Message invitation = mailbox.await(email.toLowerCase(), INVITATION_SUBJECT);
		assertThat(invitation.subject()).contains(org.name());
		assertThat(invitation.link()).startsWith(Fixtures.BASE_URL + "/invitation?token=");
		fixtures.password(org.slug(), email, PASSWORD).expectProblem(401, "sign-in-failed");

		api.post("/invitations/accept", json("token", invitation.token(), "password", PASSWORD)).expect(204);

		assertThat(api.get("/users/" + id, org.token()).expect(200).text("status")).isEqualTo("ACTIVE");
		Api.Response signIn = fixtures.password(org.slug(), email, PASSWORD).expect(200);
		assertThat(signIn.text("next")).isEqualTo("DONE");
		JsonNode me = api.get("/me", signIn.text("accessToken")).expect(200).json();
		assertThat(me.path("id").asString()).isEqualTo(id.toString());
		assertThat(me.path("kind").asString()).isEqualTo("VENDOR");
		assertThat(me.path("role").path("name").asString()).isEqualTo("Vendor");
		assertThat(me.path("chiefOperator").asBoolean()).isFalse();

		JsonNode audited = fixtures.audited(org.token(), AuditAction.USER_INVITED.value(), id);
		assertThat(audited.path("actorId").asString()).isEqualTo(org.chiefId().toString());
		assertThat(audited.path("details").path("role").asString()).isEqualTo("Vendor");
		assertThat(fixtures.audited(org.token(), AuditAction.USER_INVITATION_ACCEPTED.value(), id).path("actorId").asString())
			.isEqualTo(id.toString());
	}

	@Test
	void anInvitationLinkWorksOnlyOnce() {
		Org org = fixtures.organization();
		String email = uniqueEmail("client");
		fixtures.invite(org.token(), email, "Cleo Client", "CLIENT", fixtures.roleId(org, "Client")).expect(201);
		String token = mailbox.await(email, INVITATION_SUBJECT).token();

		// a password the policy refuses consumes nothing
		api.post("/invitations/accept", json("token", token, "password", "short")).expectProblem(400, "invalid-input");
		api.post("/invitations/accept", json("token", token, "password", PASSWORD)).expect(204);
		api.post("/invitations/accept", json("token", token, "password", "another password, long enough"))
			.expectProblem(410, "gone");

		fixtures.password(org.slug(), email, "another password, long enough").expectProblem(401, "sign-in-failed");
		assertThat(fixtures.accessToken(org.slug(), email, PASSWORD)).isNotBlank();
		assertThat(fixtures.audit(org.token(), AuditAction.USER_INVITATION_ACCEPTED.value())).hasSize(1);
	}

	@Test
	void usersAreListedSearchedFilteredByKindRoleAndStatusAndPaged() {
		Org org = fixtures.organization();
		UUID vendorRole = fixtures.roleId(org, "Vendor");
		UUID clientRole = fixtures.roleId(org, "Client");
		List<UUID> vendors = new ArrayList<>();
		for (String name : List.of("Vera Alpha", "Vera Beta", "Vera Gamma")) {
			vendors.add(fixtures.member(org, vendorRole, "VENDOR", name).id());
		}
		fixtures.member(org, clientRole, "CLIENT", "Cleo Active");
		String pending = uniqueEmail("client");
		fixtures.invite(org.token(), pending, "Cleo Pending", "CLIENT", clientRole).expect(201);
		fixtures.invite(org.token(), uniqueEmail("employee"), "Emil Employee", "EMPLOYEE",
				fixtures.roleId(org, "Employee")).expect(201);

		assertThat(list(org, query()).path("total").asLong()).isEqualTo(7);
		JsonNode vendorsOnly = list(org, query("kind", "VENDOR"));
		assertThat(vendorsOnly.path("total").asLong()).isEqualTo(3);
		assertThat(ids(vendorsOnly)).containsExactlyInAnyOrderElementsOf(vendors);
		assertThat(list(org, query("roleId", clientRole)).path("total").asLong()).isEqualTo(2);
		assertThat(list(org, query("kind", "CLIENT", "status", "INVITED")).path("items").get(0).path("email").asString())
			.isEqualTo(pending);
		assertThat(list(org, query("status", "INVITED")).path("total").asLong()).isEqualTo(2);
		assertThat(list(org, query("q", "vERA")).path("total").asLong()).isEqualTo(3);
		assertThat(list(org, query("q", pending)).path("total").asLong()).isEqualTo(1);
		assertThat(list(org, query("q", "nobody-by-this-name")).path("total").asLong()).isZero();

		List<String> names = new ArrayList<>();
		for (int page = 0; page < 4; page++) {
			JsonNode items = list(org, query("size", 2, "page", page));
			assertThat(items.path("total").asLong()).isEqualTo(7);
			assertThat(items.path("items").size()).isEqualTo(page < 3 ? 2 : 1);
			items.path("items").forEach(user -> names.add(user.path("name").asString()));
		}
		assertThat(names).hasSize(7).doesNotHaveDuplicates();
		assertThat(names).isSortedAccordingTo(String.CASE_INSENSITIVE_ORDER);
		assertThat(list(org, query("size", 2, "page", 4)).path("items").size()).isZero();
		List<String> found = new ArrayList<>();
		for (int page = 0; page < 3; page++) { // a text search pages the same way, with the total beyond the end too
			JsonNode items = list(org, query("q", "vera", "size", 2, "page", page));
			assertThat(items.path("total").asLong()).isEqualTo(3);
			items.path("items").forEach(user -> found.add(user.path("name").asString()));
		}
		assertThat(found).containsExactly("Vera Alpha", "Vera Beta", "Vera Gamma");

		api.get("/users" + query("size", 0), org.token()).expectProblem(400, "invalid-input");
		api.get("/users" + query("size", 201), org.token()).expectProblem(400, "invalid-input");
		api.get("/users" + query("page", -1), org.token()).expectProblem(400, "invalid-input");
		api.get("/users" + query("kind", "ROBOT"), org.token()).expectProblem(400, "invalid-input");
	}

	@Test
	void disablingAUserEndsTheirAccessAtOnceAndEnablingLetsThemSignInAgain() {
		Org org = fixtures.organization();
		Member vendor = fixtures.signedInMember(org, "Vendor", "VENDOR");
		api.get("/me", vendor.token()).expect(200);

		JsonNode disabled = api.post("/users/" + vendor.id() + "/disable", json("reason", "contract ended"), org.token())
			.expect(200).json();
		assertThat(disabled.path("status").asString()).isEqualTo("DISABLED");

		api.get("/me", vendor.token()).expectProblem(401, "unauthenticated");
		fixtures.password(org.slug(), vendor.email(), PASSWORD).expectProblem(401, "sign-in-failed");
		JsonNode audited = fixtures.audited(org.token(), AuditAction.USER_DISABLED.value(), vendor.id());
		assertThat(audited.path("actorId").asString()).isEqualTo(org.chiefId().toString());
		assertThat(audited.path("details").path("reason").asString()).isEqualTo("contract ended");
		assertThat(mailbox.await(vendor.email(), ACCESS_CHANGED).body()).contains("disabled");

		assertThat(api.post("/users/" + vendor.id() + "/enable", null, org.token()).expect(200).text("status"))
			.isEqualTo("ACTIVE");

		api.get("/me", vendor.token()).expectProblem(401, "unauthenticated"); // the old token stays dead
		String fresh = fixtures.accessToken(org.slug(), vendor.email(), PASSWORD);
		assertThat(api.get("/me", fresh).expect(200).text("id")).isEqualTo(vendor.id().toString());
		fixtures.audited(org.token(), AuditAction.USER_ENABLED.value(), vendor.id());
		assertThat(mailbox.awaitCount(vendor.email(), 3).get(2).body()).contains("enabled");
	}

	@Test
	void anAdministratorCannotGiveAnyoneAPermissionTheyDoNotHold() {
		Org org = fixtures.organization();
		UUID helpdeskRole = fixtures.createRole(org, "Helpdesk", true, "users.read", "users.manage");
		Member invited = fixtures.member(org, helpdeskRole, "EMPLOYEE", "Helen Helpdesk");
		Member helpdesk = invited.withToken(
				fixtures.signInThroughEnrollment(org.slug(), invited.email(), invited.password()).accessToken());
		Member vendor = fixtures.member(org, "Vendor", "VENDOR");
		UUID administrator = fixtures.roleId(org, "Administrator");

		// into Administrator: refused, nothing written, refusal audited
		String email = uniqueEmail("would-be-admin");
		fixtures.invite(helpdesk.token(), email, "Mallory", "EMPLOYEE", administrator).expectProblem(403, "forbidden");
		assertThat(list(org, query("q", email)).path("total").asLong()).isZero();
		assertThat(mailbox.queuedFor(email)).isZero();
		JsonNode refusal = refused(org, AuditAction.USER_INVITED.value(), helpdesk.id());
		assertThat(refusal.path("details").path("refusal").asString()).isEqualTo("permission-ceiling");

		// moving someone into Administrator: the same
		api.put("/users/" + vendor.id() + "/role", json("roleId", administrator), helpdesk.token())
			.expectProblem(403, "forbidden");
		assertThat(api.get("/users/" + vendor.id(), org.token()).expect(200).text("roleId"))
			.isEqualTo(vendor.roleId().toString());
		assertThat(refused(org, AuditAction.USER_ROLE_CHANGED.value(), helpdesk.id()).path("targetId").asString())
			.isEqualTo(vendor.id().toString());

		// acting on someone who holds more than the actor: refused
		api.post("/users/" + org.chiefId() + "/disable", json("reason", "coup"), helpdesk.token())
			.expectProblem(403, "forbidden");
		assertThat(api.get("/users/" + org.chiefId(), org.token()).expect(200).text("status")).isEqualTo("ACTIVE");
		assertThat(refused(org, AuditAction.USER_DISABLED.value(), helpdesk.id()).path("targetId").asString())
			.isEqualTo(org.chiefId().toString());

		// nor by making or editing a role
		api.post("/roles", json("name", "Shadow admin", "permissions", List.of("roles.manage"), "requireMfa", false),
				helpdesk.token()).expectProblem(403, "forbidden");
		api.patch("/roles/" + helpdeskRole, json("permissions", List.of("users.read", "users.manage", "roles.manage")),
				helpdesk.token()).expectProblem(403, "forbidden");
		assertThat(api.get("/roles/" + helpdeskRole, org.token()).expect(200).json().path("permissions").size())
			.isEqualTo(2);
		assertThat(api.get("/roles", org.token()).expect(200).json().size()).isEqualTo(5);

		// within the ceiling it works
		fixtures.invite(helpdesk.token(), uniqueEmail("vendor"), "Vic Vendor", "VENDOR", fixtures.roleId(org, "Vendor"))
			.expect(201);
	}

	@Test
	void theConsoleRefusesAnExemptionLongerThanSevenDaysOnTheUsersPageAndGrantsNone() {
		Org org = fixtures.organization();
		Member vendor = fixtures.member(org, "Vendor", "VENDOR");
		Console console = fixtures.console();
		console.signIn(org.slug(), org.chiefEmail(), org.password()).expectRedirect("/login/challenge");
		clock.advanceToNextTotpStep();
		console.post("/login/challenge", "code", fixtures.totp(org.totpSecret())).expectRedirect("/");

		console.post("/users/" + vendor.id() + "/mfa/exemption", "days", "8", "reason", "trip")
			.expectRedirect("/users/" + vendor.id());
		assertThat(console.get("/users/" + vendor.id()).expect(200).body()).contains("An exemption lasts 1 to 7 days.");
		assertThat(api.get("/users/" + vendor.id(), org.token()).expect(200).json().path("mfa").path("exemptUntil")
			.isMissingNode()).isTrue();
	}

	@Test
	void theLastAdministratorCannotBeRemovedNorActOnThemselves() {
		Org org = fixtures.organization();
		UUID administrator = fixtures.roleId(org, "Administrator");
		JsonNode before = api.get("/roles/" + administrator, org.token()).expect(200).json();

		api.patch("/roles/" + administrator,
				json("permissions", List.of("users.read", "roles.manage", "audit.read", "organization.manage"),
						"reason", "tidy up"), org.token())
			.expectProblem(409, "last-administrator");
		assertThat(api.get("/roles/" + administrator, org.token()).expect(200).json()).isEqualTo(before);
		assertThat(refused(org, AuditAction.ROLE_UPDATED.value(), org.chiefId()).path("details").path("refusal").asString())
			.isEqualTo("last-administrator");

		api.put("/users/" + org.chiefId() + "/role", json("roleId", fixtures.roleId(org, "Vendor")), org.token())
			.expectProblem(403, "forbidden");
		api.post("/users/" + org.chiefId() + "/disable", json("reason", "oops"), org.token())
			.expectProblem(403, "forbidden");

		JsonNode me = api.get("/me", org.token()).expect(200).json();
		assertThat(me.path("role").path("name").asString()).isEqualTo("Administrator");
		assertThat(api.get("/users/" + org.chiefId(), org.token()).expect(200).text("status")).isEqualTo("ACTIVE");
		assertThat(fixtures.audit(org.token(), AuditAction.USER_ROLE_CHANGED.value())).allSatisfy(event -> {
			assertThat(event.path("outcome").asString()).isEqualTo("REFUSED");
			assertThat(event.path("details").path("refusal").asString()).isEqualTo("self");
		}).hasSize(1);
		assertThat(refused(org, AuditAction.USER_DISABLED.value(), org.chiefId()).path("details").path("refusal").asString())
			.isEqualTo("self");
		assertThat(fixtures.audit(org.token(), AuditAction.ROLE_UPDATED.value())).noneMatch(e -> e.path("outcome").asString().equals("SUCCESS"));
	}

	private JsonNode list(Org org, String query) {
		return api.get("/users" + query, org.token()).expect(200).json();
	}

	private JsonNode refused(Org org, String action, UUID actorId) {
		return fixtures.audit(org.token(), action).stream()
			.filter(e -> e.path("outcome").asString().equals("REFUSED"))
			.filter(e -> e.path("actorId").asString().equals(actorId.toString()))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no refused " + action + " by " + actorId + " in "
					+ fixtures.audit(org.token(), action)));
	}

	private static List<UUID> ids(JsonNode page) {
		List<UUID> ids = new ArrayList<>();
		page.path("items").forEach(user -> ids.add(UUID.fromString(user.path("id").asString())));
		return ids;
	}

}
