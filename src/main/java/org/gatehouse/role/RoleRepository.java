package org.gatehouse.role;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.gatehouse.shared.OrganizationId;
import org.gatehouse.shared.Permission;
import org.gatehouse.shared.RoleId;
import org.gatehouse.system.Times;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class RoleRepository {

	private final JdbcClient jdbc;

	RoleRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	List<Role> findAll(OrganizationId org) {
		return jdbc.sql("SELECT * FROM role WHERE organization_id = ? ORDER BY name_key").param(org.value())
			.query(RoleRepository::map).list();
	}

	Optional<Role> find(OrganizationId org, RoleId id) {
		return jdbc.sql("SELECT * FROM role WHERE organization_id = ? AND id = ?").params(org.value(), id.value())
			.query(RoleRepository::map).optional();
	}

	Optional<Role> findForUpdate(OrganizationId org, RoleId id) {
		return jdbc.sql("SELECT * FROM role WHERE organization_id = ? AND id = ? FOR UPDATE")
			.params(org.value(), id.value()).query(RoleRepository::map).optional();
	}

	boolean nameTaken(OrganizationId org, String name, RoleId except) {
		return jdbc.sql("SELECT COUNT(*) FROM role WHERE organization_id = ? AND name_key = ? AND id <> ?")
			.params(org.value(), key(name), except == null ? new UUID(0, 0) : except.value())
			.query(Long.class).single() > 0;
	}

	void insert(Role role, Instant now) {
		jdbc.sql("""
				INSERT INTO role (organization_id, id, name, name_key, permissions, require_mfa, built_in, created_at, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(role.organizationId().value(), role.id().value(), role.name(), key(role.name()),
					codes(role.permissions()), role.requireMfa(), role.builtIn(), Times.db(now), Times.db(now))
			.update();
	}

	void update(Role role, Instant now) {
		jdbc.sql("""
				UPDATE role SET name = ?, name_key = ?, permissions = ?, require_mfa = ?, updated_at = ?
				WHERE organization_id = ? AND id = ?""")
			.params(role.name(), key(role.name()), codes(role.permissions()), role.requireMfa(), Times.db(now),
					role.organizationId().value(), role.id().value())
			.update();
	}

	static String key(String name) {
		return name.trim().toLowerCase(Locale.ROOT);
	}

	static String codes(Set<Permission> permissions) {
		return permissions.stream().map(Permission::code).sorted().collect(Collectors.joining(","));
	}

	private static Role map(ResultSet rs, int n) throws SQLException {
		Set<Permission> permissions = EnumSet.noneOf(Permission.class);
		Arrays.stream(rs.getString("permissions").split(",")).filter(s -> !s.isBlank())
			.forEach(code -> Permission.fromCode(code).ifPresent(permissions::add));
		return new Role(new OrganizationId(rs.getObject("organization_id", UUID.class)),
				new RoleId(rs.getObject("id", UUID.class)), rs.getString("name"), permissions,
				rs.getBoolean("require_mfa"), rs.getBoolean("built_in"));
	}

}
