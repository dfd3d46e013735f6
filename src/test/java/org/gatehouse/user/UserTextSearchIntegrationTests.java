package org.gatehouse.user;

import java.sql.Connection;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.gatehouse.operations.SchemaMigrations;
import org.gatehouse.shared.OrganizationId;
import org.gatehouse.support.TestEnvironment;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Searching users by part of a name or an email gives the same hits, totals and pages whichever way
 * the database finds them: by reading every user (H2), or on PostgreSQL through the trigram index,
 * fetching a few hits and sorting them or reading many in name order (a threshold of 5 here, so
 * that both run on a small organization). Run with {@code -Dgatehouse.test.database=postgresql}
 * for the indexed ways.
 */
class UserTextSearchIntegrationTests {

	static final OffsetDateTime NOW = OffsetDateTime.of(2026, 11, 29, 12, 0, 0, 0, ZoneOffset.UTC);

	DataSource dataSource;

	JdbcClient jdbc;

	OrganizationId org = new OrganizationId(UUID.randomUUID());

	OrganizationId otherOrg = new OrganizationId(UUID.randomUUID());

	UserRepository users;

	@BeforeEach
	void organizationsWithUsers() {
		dataSource = TestEnvironment.freshDataSource();
		new SchemaMigrations(dataSource, getClass().getClassLoader()).afterPropertiesSet();
		jdbc = JdbcClient.create(dataSource);
		users = new UserRepository(jdbc, 5);
		UUID role = organization(org);
		for (int i = 1; i <= 12; i++) {
			user(org, role, String.format("Ana Nakamura %02d", i), "ana" + i + "@example.com");
		}
		user(org, role, "Ben Stone", "ben.nakamura@example.com");
		user(org, role, "Cleo 100% Sure_Thing", "cleo@example.com");
		user(org, role, "Dan Other", "dan@example.com");
		UUID otherRole = organization(otherOrg);
		user(otherOrg, otherRole, "Ana Nakamura Elsewhere", "ana@elsewhere.example");
	}

	@Test
	void theTrigramIndexExistsOnPostgresqlOnly() {
		boolean postgresql = "postgresql".equals(TestEnvironment.database());
		long indexes = postgresql
				? jdbc.sql("SELECT COUNT(*) FROM pg_indexes WHERE indexname = 'app_user_text_ix'").query(Long.class).single()
				: 0;
		assertThat(indexes).isEqualTo(postgresql ? 1 : 0);
	}

	@Test
	void manyHitsComeInNameOrderPageByPageWithTheirTotal() {
		UserPage first = users.search(org, search("nakamura", 0, 5));
		UserPage third = users.search(org, search("nakamura", 2, 5));
		UserPage beyond = users.search(org, search("nakamura", 3, 5));

		assertThat(first.total()).isEqualTo(13);
		assertThat(names(first)).containsExactly("Ana Nakamura 01", "Ana Nakamura 02", "Ana Nakamura 03",
				"Ana Nakamura 04", "Ana Nakamura 05");
		assertThat(names(third)).containsExactly("Ana Nakamura 11", "Ana Nakamura 12", "Ben Stone");
		assertThat(third.total()).isEqualTo(13);
		assertThat(beyond.items()).isEmpty();
		assertThat(beyond.total()).isEqualTo(13);
	}

	@Test
	void fewHitsComeInNameOrderWithTheirTotal() {
		UserPage page = users.search(org, search("AKAMURA 1", 0, 10));

		assertThat(names(page)).containsExactly("Ana Nakamura 10", "Ana Nakamura 11", "Ana Nakamura 12");
		assertThat(page.total()).isEqualTo(3);
		assertThat(names(users.search(org, search("akamura 1", 1, 2)))).containsExactly("Ana Nakamura 12");
	}

	@Test
	void anEmailMatchesAndWildcardsAreLiteral() {
		assertThat(names(users.search(org, search("ben.nakamura@", 0, 10)))).containsExactly("Ben Stone");
		assertThat(names(users.search(org, search("100%", 0, 10)))).containsExactly("Cleo 100% Sure_Thing");
		assertThat(names(users.search(org, search("e_t", 0, 10)))).containsExactly("Cleo 100% Sure_Thing");
		assertThat(users.search(org, search("a%n", 0, 10)).total()).isZero();
		assertThat(users.search(org, search("nobody-here", 0, 10)).total()).isZero();
	}

	@Test
	void aShortTermAndAnotherOrganizationsUsers() {
		UserPage an = users.search(org, search("an", 0, 20));
		assertThat(an.total()).isEqualTo(13); // the twelve Anas and Dan
		assertThat(names(an)).doesNotContain("Ana Nakamura Elsewhere");
		assertThat(names(users.search(otherOrg, search("nakamura", 0, 20)))).containsExactly("Ana Nakamura Elsewhere");
	}

	@Test
	void onPostgresqlATextSearchIsPlannedForItsPatternWithoutParallelWorkersWithinItsTransactionOnly() throws Exception {
		assumeTrue("postgresql".equals(TestEnvironment.database()), "settings of PostgreSQL's planner");
		try (Connection connection = dataSource.getConnection()) {
			SingleConnectionDataSource one = new SingleConnectionDataSource(connection, true);
			JdbcClient same = JdbcClient.create(one);
			UserRepository onOneConnection = new UserRepository(same, 5);
			String[] during = new TransactionTemplate(new DataSourceTransactionManager(one)).execute(status -> {
				onOneConnection.search(org, search("a", 0, 5));
				return settings(same);
			});

			assertThat(during).containsExactly("force_custom_plan", "0");
			assertThat(settings(same)).as("the connection's settings after the search's transaction")
				.containsExactly("auto", "2");
		}
	}

	private static String[] settings(JdbcClient jdbc) {
		return jdbc.sql("SELECT current_setting('plan_cache_mode'), current_setting('max_parallel_workers_per_gather')")
			.query((rs, n) -> new String[] { rs.getString(1), rs.getString(2) })
			.single();
	}

	private static UserQuery search(String text, int page, int size) {
		return new UserQuery(null, null, null, null, text, page, size);
	}

	private static List<String> names(UserPage page) {
		return page.items().stream().map(Account::name).toList();
	}

	private UUID organization(OrganizationId id) {
		UUID role = UUID.randomUUID();
		jdbc.sql("INSERT INTO organization (id, slug, name, primary_email, created_at) VALUES (?, ?, ?, ?, ?)")
			.params(id.value(), "org-" + id.value(), "Org", "chief@" + id.value() + ".example", NOW)
			.update();
		jdbc.sql("""
				INSERT INTO role (organization_id, id, name, name_key, permissions, require_mfa, built_in, created_at,
				updated_at) VALUES (?, ?, 'Employee', 'employee', '', FALSE, FALSE, ?, ?)""")
			.params(id.value(), role, NOW, NOW)
			.update();
		return role;
	}

	private void user(OrganizationId id, UUID role, String name, String email) {
		jdbc.sql("""
				INSERT INTO app_user (organization_id, id, email, name, name_key, kind, role_id, status, security_epoch,
				created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'EMPLOYEE', ?, 'ACTIVE', 0, ?, ?)""")
			.params(id.value(), UUID.randomUUID(), email, name, UserRepository.key(name), role, NOW, NOW)
			.update();
	}

}
