package org.gatehouse.organization;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.gatehouse.shared.OrganizationId;
import org.gatehouse.shared.UserId;
import org.gatehouse.system.Times;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class OrganizationRepository {

	private final JdbcClient jdbc;

	OrganizationRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(Organization org) {
		jdbc.sql("""
				INSERT INTO organization (id, slug, name, primary_email, created_at) VALUES (?, ?, ?, ?, ?)""")
			.params(org.id().value(), org.slug(), org.name(), org.primaryEmail(), Times.db(org.createdAt()))
			.update();
	}

	void setChiefOperator(OrganizationId id, UserId chief, String primaryEmail, Instant verifiedAt) {
		jdbc.sql("""
				UPDATE organization SET chief_operator_id = ?, primary_email = ?, primary_email_verified_at = ?
				WHERE id = ?""")
			.params(chief.value(), primaryEmail, Times.db(verifiedAt), id.value()).update();
	}

	void markVerified(OrganizationId id, String email, Instant at) {
		jdbc.sql("UPDATE organization SET primary_email_verified_at = ? WHERE id = ? AND primary_email = ?")
			.params(Times.db(at), id.value(), email).update();
	}

	boolean slugTaken(String slug) {
		return jdbc.sql("SELECT COUNT(*) FROM organization WHERE slug = ?").param(slug).query(Long.class).single() > 0;
	}

	Optional<Organization> find(OrganizationId id) {
		return jdbc.sql("SELECT * FROM organization WHERE id = ?").param(id.value())
			.query(OrganizationRepository::map).optional();
	}

	/** The organization, its row locked until the transaction ends. */
	Optional<Organization> findForUpdate(OrganizationId id) {
		return jdbc.sql("SELECT * FROM organization WHERE id = ? FOR UPDATE").param(id.value())
			.query(OrganizationRepository::map).optional();
	}

	Optional<Organization> findBySlug(String slug) {
		return jdbc.sql("SELECT * FROM organization WHERE slug = ?").param(slug)
			.query(OrganizationRepository::map).optional();
	}

	private static Organization map(ResultSet rs, int n) throws SQLException {
		UUID chief = rs.getObject("chief_operator_id", UUID.class);
		return new Organization(new OrganizationId(rs.getObject("id", UUID.class)), rs.getString("slug"),
				rs.getString("name"), rs.getString("primary_email"), Times.instant(rs, "primary_email_verified_at"),
				chief == null ? null : new UserId(chief), Times.instant(rs, "created_at"));
	}

}
