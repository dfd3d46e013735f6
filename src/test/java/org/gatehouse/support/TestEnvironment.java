package org.gatehouse.support;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Gives every Spring context of the integration tests a database of its own and the JVM's
 * GreenMail server. The database comes from the system property {@code gatehouse.test.database}:
 * {@code h2} (the default) is a fresh in-memory H2 in PostgreSQL mode; {@code postgresql} creates a
 * fresh database on the local server ({@code GATEHOUSE_TEST_PG_URL}, {@code GATEHOUSE_TEST_PG_USER},
 * {@code GATEHOUSE_TEST_PG_PASSWORD}; default {@code jdbc:postgresql://127.0.0.1:5432/postgres} as
 * {@code postgres}). An unreachable PostgreSQL fails the context: the suite never silently skips.
 */
public final class TestEnvironment implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	public static final String DATABASE_PROPERTY = "gatehouse.test.database";

	private static final String DEFAULT_PG_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";
	private static final String DATABASE_PREFIX = "gatehouse_test_";
	private static final Pattern OWN_DATABASE = Pattern.compile(DATABASE_PREFIX + "(\\d+)_[0-9a-f]+");
	private static final SecureRandom RANDOM = new SecureRandom();

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		Map<String, Object> properties = new LinkedHashMap<>(datasource());
		TestMailServer mail = TestMailServer.get();
		properties.put("spring.mail.host", TestMailServer.HOST);
		properties.put("spring.mail.port", mail.port());
		properties.put("gatehouse.encryption.key", randomKey());
		properties.put("gatehouse.data-dir", Path.of("target", "test-data", UUID.randomUUID().toString()).toString());
		context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("gatehouseTest", properties));
	}

	/** Which database the suite runs against: {@code h2} or {@code postgresql}. */
	public static String database() {
		return System.getProperty(DATABASE_PROPERTY, "h2").strip().toLowerCase(Locale.ROOT);
	}

	private static Map<String, Object> datasource() {
		String kind = database();
		switch (kind) {
			case "h2":
				return Map.of("spring.datasource.url",
						"jdbc:h2:mem:" + UUID.randomUUID()
								+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
						"spring.datasource.username", "sa", "spring.datasource.password", "");
			case "postgresql":
				return postgresql();
			default:
				throw new IllegalStateException(DATABASE_PROPERTY + " must be h2 or postgresql, not " + kind);
		}
	}

	/**
	 * A fresh, empty database of the suite's kind ({@link #database()}), for tests below the
	 * application context: an in-memory H2, or a new database on the local PostgreSQL server.
	 */
	public static javax.sql.DataSource freshDataSource() {
		Map<String, Object> properties = datasource();
		return new org.springframework.jdbc.datasource.DriverManagerDataSource(
				(String) properties.get("spring.datasource.url"), (String) properties.get("spring.datasource.username"),
				(String) properties.get("spring.datasource.password"));
	}

	/**
	 * A fresh database on the local PostgreSQL server, as {@code spring.datasource.*} properties, for
	 * tests that start Gatehouse processes of their own ({@link GatehouseNodes}).
	 */
	public static Map<String, Object> freshPostgresqlDatabase() {
		return postgresql();
	}

	private static Map<String, Object> postgresql() {
		String adminUrl = env("GATEHOUSE_TEST_PG_URL", DEFAULT_PG_URL);
		String user = env("GATEHOUSE_TEST_PG_USER", "postgres");
		String password = env("GATEHOUSE_TEST_PG_PASSWORD", "");
		String name = DATABASE_PREFIX + ProcessHandle.current().pid() + "_" + Long.toHexString(RANDOM.nextLong() >>> 1);
		try (Connection admin = DriverManager.getConnection(adminUrl, user, password);
				Statement statement = admin.createStatement()) {
			dropLeftovers(statement);
			statement.execute("CREATE DATABASE " + name);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("PostgreSQL at " + adminUrl + " (user " + user + ") is needed for "
					+ DATABASE_PROPERTY + "=postgresql and could not create a test database: " + ex.getMessage(), ex);
		}
		return Map.of("spring.datasource.url", databaseUrl(adminUrl, name), "spring.datasource.username", user,
				"spring.datasource.password", password);
	}

	/** Drops the databases of earlier test JVMs that are gone; those of running ones stay. */
	private static void dropLeftovers(Statement statement) {
		List<String> stale = new ArrayList<>();
		try (ResultSet rs = statement.executeQuery(
				"SELECT datname FROM pg_database WHERE datname LIKE '" + DATABASE_PREFIX.replace("_", "\\_") + "%'")) {
			while (rs.next()) {
				Matcher own = OWN_DATABASE.matcher(rs.getString(1));
				if (own.matches() && ProcessHandle.of(Long.parseLong(own.group(1))).isEmpty()) {
					stale.add(rs.getString(1));
				}
			}
			for (String name : stale) {
				statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
			}
		}
		catch (SQLException | NumberFormatException ex) {
			// best effort: a leftover database costs disk space, not correctness
		}
	}

	static String databaseUrl(String adminUrl, String database) {
		Matcher url = Pattern.compile("^(jdbc:postgresql://[^/?]+)(/[^?]*)?(\\?.*)?$").matcher(adminUrl);
		if (!url.matches()) {
			throw new IllegalStateException("GATEHOUSE_TEST_PG_URL is not a jdbc:postgresql:// URL: " + adminUrl);
		}
		return url.group(1) + "/" + database + (url.group(3) == null ? "" : url.group(3));
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return value == null || value.isBlank() ? fallback : value.strip();
	}

	private static String randomKey() {
		byte[] key = new byte[32];
		RANDOM.nextBytes(key);
		return Base64.getEncoder().encodeToString(key);
	}

}
