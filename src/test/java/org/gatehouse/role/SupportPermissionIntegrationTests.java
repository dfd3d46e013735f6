package org.gatehouse.role;

import java.util.List;

import org.gatehouse.audit.AuditAction;
import org.gatehouse.support.Fixtures.Org;
import org.gatehouse.support.IntegrationTest;
import org.gatehouse.support.IntegrationTestBase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gatehouse.support.Api.json;

/** The support side's permissions never reach a role of an organization. */
@IntegrationTest
class SupportPermissionIntegrationTests extends IntegrationTestBase {

	Org org;

	@BeforeEach
	void organization() {
		org = fixtures.organization();
	}

	@Test
	void theAdministratorRoleHoldsEveryOrganizationPermissionAndNoSupportPermission() {
		JsonNode roles = api.get("/roles", org.token()).expect(200).json();
		for (JsonNode role : roles) {
			assertThat(role.path("permissions").toString()).doesNotContain("support.");
		}
		assertThat(api.get("/roles/" + fixtures.roleId(org, "Administrator"), org.token()).json().path("permissions")
			.toString()).contains("users.manage", "roles.manage", "audit.read", "organization.manage");
	}

	@Test
	void noRoleOfAnOrganizationCanBeGivenASupportPermission() {
		api.post("/roles", json("name", "Helpdesk", "permissions", List.of("users.read", "support.agent"),
				"requireMfa", true), org.token()).expectProblem(403, "forbidden");
		api.patch("/roles/" + fixtures.roleId(org, "Administrator"), json("permissions", List.of("users.manage",
				"roles.manage", "audit.read", "organization.manage", "users.read", "support.lead")), org.token())
			.expectProblem(403, "forbidden");
		assertThat(api.get("/roles", org.token()).body()).doesNotContain("support.", "Helpdesk");
		assertThat(fixtures.audit(org.token(), AuditAction.ROLE_CREATED.value())).anySatisfy(
				event -> assertThat(event.path("details").path("refusal").asString()).isEqualTo("platform-permission"));
	}

}
