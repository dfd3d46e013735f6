package org.gatehouse.role;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.gatehouse.support.TestEnvironment;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * V17 brings roles saved before the rule into line: a role that grants an administrative
 * permission requires MFA from then on, and its members' exemptions end; other roles and their
 * members keep what they had. On the suite's database (H2, or PostgreSQL).
 */
class AdministrativeRoleMigrationIntegrationTests {

	final DataSource dataSource = TestEnvironment.freshDataSource();

	final JdbcClient jdbc = JdbcClient.create(dataSource);

	final UUID org = UUID.randomUUID();

	final Timestamp now = Timestamp.from(Instant.parse("2026-01-01T00:00:00Z"));

	final Timestamp later = Timestamp.from(Instant.parse("2026-01-03T00:00:00Z"));

	@Test
	void administrativeRolesSavedWithoutMfaRequireItAndTheirMembersExemptionsEnd() {
		Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").target("13").load().migrate();
		jdbc.sql("INSERT INTO organization (id, slug, name, primary_email, created_at) VALUES (?, ?, ?, ?, ?)")
			.params(org, "org-" + org, "Org", "chief@example.test", now).update();
		UUID helpdesk = role("Helpdesk", "users.manage,users.read");
		UUID owners = role("Owners", "organization.manage");
		UUID roleAdmins = role("Role admins", "audit.read,roles.manage");
		UUID auditors = role("Auditors", "audit.read,users.read");
		UUID vendor = role("Vendor", "");
		UUID helper = user(helpdesk);
		UUID auditor = user(auditors);

		Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();

		assertThat(requiresMfa(helpdesk)).isTrue();
		assertThat(requiresMfa(owners)).isTrue();
		assertThat(requiresMfa(roleAdmins)).isTrue();
		assertThat(requiresMfa(auditors)).isFalse();
		assertThat(requiresMfa(vendor)).isFalse();
		assertThat(exemptUntil(helper)).isNull();
		assertThat(exemptUntil(auditor)).isNotNull();
	}

	UUID role(String name, String permissions) {
		UUID id = UUID.randomUUID();
		jdbc.sql("""
				INSERT INTO role (organization_id, id, name, name_key, permissions, require_mfa, built_in, created_at,
				updated_at) VALUES (?, ?, ?, ?, ?, FALSE, FALSE, ?, ?)""")
			.params(org, id, name, name.toLowerCase(), permissions, now, now).update();
		return id;
	}

	UUID user(UUID role) {
		UUID id = UUID.randomUUID();
		jdbc.sql("""
				INSERT INTO app_user (organization_id, id, email, name, name_key, kind, role_id, status, security_epoch,
				created_at, updated_at, mfa_exempt_until) VALUES (?, ?, ?, ?, ?, 'EMPLOYEE', ?, 'ACTIVE', 0, ?, ?, ?)""")
			.params(org, id, id + "@example.test", "User", "user", role, now, now, later).update();
		return id;
	}

	boolean requiresMfa(UUID role) {
		return jdbc.sql("SELECT require_mfa FROM role WHERE organization_id = ? AND id = ?").params(org, role)
			.query(Boolean.class).single();
	}

	Timestamp exemptUntil(UUID user) {
		return jdbc.sql("SELECT mfa_exempt_until FROM app_user WHERE organization_id = ? AND id = ?").params(org, user)
			.query((rs, n) -> rs.getTimestamp(1)).list().get(0);
	}

}
