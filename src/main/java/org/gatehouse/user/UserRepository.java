package org.gatehouse.user;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.gatehouse.shared.OrganizationId;
import org.gatehouse.shared.RoleId;
import org.gatehouse.shared.UserId;
import org.gatehouse.system.Times;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class UserRepository {

	/**
	 * Up to this many hits, a text search with a trigram index (PostgreSQL) fetches every hit and
	 * sorts it; above, reading the name-ordered list index is cheaper.
	 */
	static final long FEW_HITS = 10_000;

	private final JdbcClient jdbc;

	private final long fewHits;

	private volatile Boolean textIndex;

	@Autowired
	UserRepository(JdbcClient jdbc) {
		this(jdbc, FEW_HITS);
	}

	UserRepository(JdbcClient jdbc, long fewHits) {
		this.jdbc = jdbc;
		this.fewHits = fewHits;
	}

	void insert(Account account, String passwordHash, Instant now) {
		jdbc.sql("""
				INSERT INTO app_user (organization_id, id, email, name, name_key, kind, role_id, status, password_hash,
				security_epoch, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)""")
			.params(account.organizationId().value(), account.id().value(), account.email(), account.name(),
					key(account.name()), account.kind().name(), account.roleId().value(), account.status().name(),
					passwordHash, Times.db(now), Times.db(now))
			.update();
	}

	Optional<Account> find(OrganizationId org, UserId id) {
		return jdbc.sql("SELECT * FROM app_user WHERE organization_id = ? AND id = ?").params(org.value(), id.value())
			.query(UserRepository::map).optional();
	}

	Optional<Account> findForUpdate(OrganizationId org, UserId id) {
		return jdbc.sql("SELECT * FROM app_user WHERE organization_id = ? AND id = ? FOR UPDATE")
			.params(org.value(), id.value()).query(UserRepository::map).optional();
	}

	Optional<Credentials> credentials(OrganizationId org, String email) {
		return jdbc.sql("SELECT * FROM app_user WHERE organization_id = ? AND email = ?").params(org.value(), email)
			.query((rs, n) -> new Credentials(map(rs, n), rs.getString("password_hash"))).optional();
	}

	boolean emailTaken(OrganizationId org, String email) {
		return jdbc.sql("SELECT COUNT(*) FROM app_user WHERE organization_id = ? AND email = ?")
			.params(org.value(), email).query(Long.class).single() > 0;
	}

	void setPassword(OrganizationId org, UserId id, String hash, UserStatus status, Instant now) {
		jdbc.sql("""
				UPDATE app_user SET password_hash = ?, status = ?, email_verified_at = COALESCE(email_verified_at, ?),
				updated_at = ? WHERE organization_id = ? AND id = ?""")
			.params(hash, status.name(), Times.db(now), Times.db(now), org.value(), id.value())
			.update();
	}

	void rehash(OrganizationId org, UserId id, String hash) {
		jdbc.sql("UPDATE app_user SET password_hash = ? WHERE organization_id = ? AND id = ?")
			.params(hash, org.value(), id.value()).update();
	}

	void setStatus(OrganizationId org, UserId id, UserStatus status, Instant now) {
		jdbc.sql("""
				UPDATE app_user SET status = ?, security_epoch = security_epoch + 1, updated_at = ?
				WHERE organization_id = ? AND id = ?""")
			.params(status.name(), Times.db(now), org.value(), id.value()).update();
	}

	void setRole(OrganizationId org, UserId id, RoleId role, Instant now) {
		jdbc.sql("UPDATE app_user SET role_id = ?, updated_at = ? WHERE organization_id = ? AND id = ?")
			.params(role.value(), Times.db(now), org.value(), id.value()).update();
	}

	void bumpEpoch(OrganizationId org, UserId id) {
		jdbc.sql("UPDATE app_user SET security_epoch = security_epoch + 1 WHERE organization_id = ? AND id = ?")
			.params(org.value(), id.value()).update();
	}

	void setMfaState(OrganizationId org, UserId id, int authenticators, boolean backup, int codesLeft) {
		jdbc.sql("""
				UPDATE app_user SET authenticator_count = ?, backup_device = ?, recovery_codes_left = ?
				WHERE organization_id = ? AND id = ?""")
			.params(authenticators, backup, codesLeft, org.value(), id.value()).update();
	}

	void setExemption(OrganizationId org, UserId id, Instant until) {
		jdbc.sql("UPDATE app_user SET mfa_exempt_until = ? WHERE organization_id = ? AND id = ?")
			.params(Times.db(until), org.value(), id.value()).update();
	}

	/**
	 * Per role, the users who are not disabled, those with an authenticator, those with a backup
	 * device, and the active ones with a single device. Counted per (role, status, authenticators)
	 * group, the order of app_user_coverage_ix, so PostgreSQL reads that narrow index alone, already
	 * in group order.
	 */
	List<Users.RoleCoverage> coverageByRole(OrganizationId org) {
		Map<UUID, long[]> byRole = new LinkedHashMap<>();
		jdbc.sql("""
				SELECT role_id, status, authenticator_count, COUNT(*) FROM app_user WHERE organization_id = ?
				GROUP BY role_id, status, authenticator_count""")
			.param(org.value())
			.query(rs -> {
				long[] counts = byRole.computeIfAbsent(rs.getObject(1, UUID.class), role -> new long[4]);
				String status = rs.getString(2);
				if (!UserStatus.DISABLED.name().equals(status)) {
					int authenticators = rs.getInt(3);
					long users = rs.getLong(4);
					counts[0] += users;
					counts[1] += authenticators > 0 ? users : 0;
					counts[2] += authenticators > 1 ? users : 0;
					counts[3] += authenticators == 1 && UserStatus.ACTIVE.name().equals(status) ? users : 0;
				}
			});
		return byRole.entrySet().stream()
			.map(e -> new Users.RoleCoverage(new RoleId(e.getKey()), e.getValue()[0], e.getValue()[1], e.getValue()[2],
					e.getValue()[3]))
			.toList();
	}

	long countActive(OrganizationId org, Collection<RoleId> roles, UserId except) {
		if (roles.isEmpty()) {
			return 0;
		}
		List<Object> params = new ArrayList<>();
		params.add(org.value());
		params.add(except == null ? new UUID(0, 0) : except.value());
		roles.forEach(r -> params.add(r.value()));
		String marks = String.join(", ", java.util.Collections.nCopies(roles.size(), "?"));
		return jdbc.sql("SELECT COUNT(*) FROM app_user WHERE organization_id = ? AND id <> ? AND status = 'ACTIVE' "
				+ "AND password_hash IS NOT NULL AND role_id IN (" + marks + ")")
			.params(params).query(Long.class).single();
	}

	long[] memberCounts(OrganizationId org, RoleId role) {
		return jdbc.sql("""
				SELECT COUNT(*), SUM(CASE WHEN authenticator_count = 0 THEN 1 ELSE 0 END) FROM app_user
				WHERE organization_id = ? AND role_id = ? AND status <> 'DISABLED'""")
			.params(org.value(), role.value())
			.query((rs, n) -> new long[] { rs.getLong(1), rs.getLong(2) }).single();
	}

	List<Account> withRoles(OrganizationId org, Collection<RoleId> roles) {
		if (roles.isEmpty()) {
			return List.of();
		}
		List<Object> params = new ArrayList<>();
		params.add(org.value());
		roles.forEach(r -> params.add(r.value()));
		String marks = String.join(", ", java.util.Collections.nCopies(roles.size(), "?"));
		return jdbc.sql("SELECT * FROM app_user WHERE organization_id = ? AND status = 'ACTIVE' AND role_id IN ("
				+ marks + ") ORDER BY name_key LIMIT 1000").params(params).query(UserRepository::map).list();
	}

	/**
	 * A page of the organization's users in name order, with their total: counted first, then the
	 * page's ids read from an index alone (the users skipped before a deep page cost an index entry
	 * each, not a table row), then those rows.
	 * <p>
	 * A text filter is a substring of the name or email. With a trigram index (PostgreSQL) the count
	 * goes through it when the hits are few; a few hits are then fetched through it and sorted, many
	 * are read in name order from the list index. Without one (H2, or a PostgreSQL where
	 * {@code pg_trgm} could not be created) no index serves the filter, so one pass over every user
	 * of the organization counts and pages at once ({@link #textSearchReadingEveryUser}).
	 */
	UserPage search(OrganizationId org, UserQuery query) {
		List<Object> params = new ArrayList<>();
		String where = where(org, query, params);
		long offset = (long) query.page() * query.size();
		String page = page(query);
		boolean text = hasText(query);
		if (text && !hasTextIndex()) {
			return textSearchReadingEveryUser(org, query, where, page, params);
		}
		if (text) {
			// PgJDBC prepares a statement on the server from its fifth run, and PostgreSQL may then plan it once for
			// every pattern: through the trigram index even for '%a%', which matches everyone (122 against 35 ms for
			// 100,000 users). Planned for its own pattern each time within this (read-only) transaction, the count
			// reads the trigram index or every user, whichever is cheaper. Reading every user, it reads them itself:
			// PostgreSQL would otherwise share a sequential scan with two parallel workers, processes started for the
			// query, which took 66-110 ms on 2 cores against 20 ms in the connection's own process.
			jdbc.sql("SELECT set_config('plan_cache_mode', 'force_custom_plan', true),"
					+ " set_config('max_parallel_workers_per_gather', '0', true)").query().listOfRows();
		}
		long total = count(where, params);
		if (offset >= total) {
			return new UserPage(List.of(), total, query.page(), query.size());
		}
		// A few text hits: the subquery's OFFSET 0 keeps the planner from reading the list index in order, which it
		// would otherwise do even for 1,745 hits of 100,000 users (27 against 6-10 ms).
		String hits = text && total <= this.fewHits ? "(SELECT id, name_key FROM app_user" + where + " OFFSET 0) h"
				: "app_user" + where;
		return new UserPage(rows(org, hits, page, params), total, query.page(), query.size());
	}

	/**
	 * A page of a list without a text filter, when the caller knows its total already (the security
	 * overview counts its users with the coverage): the page's ids from an index, then their rows.
	 */
	List<Account> pageWithoutTotal(OrganizationId org, UserQuery query) {
		if (hasText(query)) {
			throw new IllegalArgumentException("a text search counts its hits first");
		}
		List<Object> params = new ArrayList<>();
		String where = where(org, query, params);
		return rows(org, "app_user" + where, page(query), params);
	}

	private static boolean hasText(UserQuery query) {
		return query.text() != null && !query.text().isBlank();
	}

	private static String page(UserQuery query) {
		return " ORDER BY name_key, id LIMIT " + query.size() + " OFFSET " + (long) query.page() * query.size();
	}

	private List<Account> rows(OrganizationId org, String hits, String page, List<Object> params) {
		List<Object> withOrg = new ArrayList<>(params);
		withOrg.add(org.value());
		return jdbc.sql("SELECT u.* FROM (SELECT id, name_key FROM " + hits + page + ") p"
				+ " JOIN app_user u ON u.organization_id = ? AND u.id = p.id ORDER BY p.name_key, p.id")
			.params(withOrg).query(UserRepository::map).list();
	}

	/**
	 * Without a trigram index the text filter reads every user of the organization, so the page comes
	 * out of the counting pass, with the total beside each row.
	 */
	private UserPage textSearchReadingEveryUser(OrganizationId org, UserQuery query, String where, String page,
			List<Object> params) {
		List<Object> withOrg = new ArrayList<>(params);
		withOrg.add(org.value());
		long[] total = { 0 };
		List<Account> items = jdbc.sql("SELECT u.*, p.total FROM (SELECT id, name_key, COUNT(*) OVER () AS total"
				+ " FROM app_user" + where + page + ") p"
				+ " JOIN app_user u ON u.organization_id = ? AND u.id = p.id ORDER BY p.name_key, p.id")
			.params(withOrg).query((rs, n) -> {
				total[0] = rs.getLong("total");
				return map(rs, n);
			}).list();
		if (items.isEmpty() && query.page() > 0) {
			total[0] = count(where, params);
		}
		return new UserPage(items, total[0], query.page(), query.size());
	}

	/** Whether PostgreSQL holds the trigram index of V12 (looked up once). */
	private boolean hasTextIndex() {
		Boolean known = this.textIndex;
		if (known == null) {
			known = jdbc.sql("SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'pg_indexes'")
				.query(Long.class).single() > 0
					&& jdbc.sql("SELECT COUNT(*) FROM pg_indexes WHERE indexname = 'app_user_text_ix'")
						.query(Long.class).single() > 0;
			this.textIndex = known;
		}
		return known;
	}

	private long count(String where, List<Object> params) {
		return jdbc.sql("SELECT COUNT(*) FROM app_user" + where).params(params).query(Long.class).single();
	}

	private static String where(OrganizationId org, UserQuery query, List<Object> params) {
		StringBuilder where = new StringBuilder(" WHERE organization_id = ?");
		params.add(org.value());
		if (query.kind() != null) {
			where.append(" AND kind = ?");
			params.add(query.kind().name());
		}
		if (query.roleId() != null) {
			where.append(" AND role_id = ?");
			params.add(query.roleId().value());
		}
		if (query.status() != null) {
			where.append(" AND status = ?");
			params.add(query.status().name());
		}
		if (query.mfa() != null) {
			where.append(switch (query.mfa()) {
				case NONE -> " AND authenticator_count = 0";
				case ONE -> " AND authenticator_count = 1";
				case BACKUP -> " AND backup_device = TRUE";
				case NO_BACKUP -> " AND authenticator_count > 0 AND backup_device = FALSE";
				case RECOVERY_CODES_LEFT -> " AND recovery_codes_left > 0";
				case RECOVERY_CODES_LOW -> " AND authenticator_count > 0 AND recovery_codes_left <= 3";
			});
		}
		if (hasText(query)) {
			String like = "%" + escape(query.text().strip().toLowerCase(Locale.ROOT)) + "%";
			where.append(" AND (name_key LIKE ? ESCAPE '\\' OR email LIKE ? ESCAPE '\\')");
			params.add(like);
			params.add(like);
		}
		return where.toString();
	}

	static String key(String name) {
		return name.strip().toLowerCase(Locale.ROOT);
	}

	private static String escape(String text) {
		return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

	private static Account map(ResultSet rs, int n) throws SQLException {
		return new Account(new OrganizationId(rs.getObject("organization_id", UUID.class)),
				new UserId(rs.getObject("id", UUID.class)), rs.getString("email"), rs.getString("name"),
				UserKind.valueOf(rs.getString("kind")), new RoleId(rs.getObject("role_id", UUID.class)),
				UserStatus.valueOf(rs.getString("status")), rs.getInt("security_epoch"),
				rs.getInt("authenticator_count"), rs.getBoolean("backup_device"), rs.getInt("recovery_codes_left"),
				Times.instant(rs, "mfa_exempt_until"), rs.getObject("email_verified_at") != null);
	}

}
