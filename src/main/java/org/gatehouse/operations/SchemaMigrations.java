package org.gatehouse.operations;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Brings the database schema to the migrations packaged in this build before anything uses the
 * database, and starts Flyway only when there is something for it to do.
 * <p>
 * Building a {@link Flyway} costs a service about 10 MB of resident memory for as long as it runs:
 * Flyway copies its plugins' configuration through a Jackson 2 mapper, so every start would load
 * Flyway's and Jackson's classes (some 900) and keep them in the AOT cache, to find that nothing is
 * pending. So this first reads {@code flyway_schema_history} and compares it with the packaged
 * migrations: the same versions and scripts, each applied successfully, with the checksum Flyway
 * computes for the packaged file ({@link #checksum}). Only on any difference
 * (a fresh database, a new build with new migrations, a failed, edited, renamed, missing or unknown
 * migration) does it start Flyway, which migrates, or refuses to start the service as it always has.
 */
public final class SchemaMigrations implements InitializingBean {

	/** Where the migrations every database gets are packaged. */
	public static final String LOCATION = "classpath:db/migration";

	/** Where those only PostgreSQL gets are (its own index types), numbered in the same sequence. */
	public static final String POSTGRESQL_LOCATION = "classpath:db/postgresql";

	private static final Logger log = LoggerFactory.getLogger(SchemaMigrations.class);

	private static final Set<String> MARKERS = Set.of("SCHEMA", "TABLE");

	private static final Pattern VERSIONED = Pattern.compile("V([0-9][0-9._]*)__.+\\.sql");

	private static final String BYTE_ORDER_MARK = "\uFEFF";

	private final DataSource dataSource;

	private final ClassLoader classLoader;

	public SchemaMigrations(DataSource dataSource, ClassLoader classLoader) {
		this.dataSource = dataSource;
		this.classLoader = classLoader;
	}

	@Override
	public void afterPropertiesSet() {
		String[] locations = locations();
		Map<String, Migration> packaged = packaged(locations);
		Optional<String> difference = difference(packaged);
		if (difference.isEmpty()) {
			log.info("Database schema is current: the {} packaged migrations are applied; Flyway not started",
					packaged.size());
			return;
		}
		log.info("Database schema: {}; migrating with Flyway", difference.get());
		Flyway.configure(this.classLoader).dataSource(this.dataSource).locations(locations).load().migrate();
	}

	/**
	 * Why Flyway has to run, or empty when every packaged migration, and nothing else, is applied
	 * as packaged.
	 */
	public Optional<String> difference() {
		return difference(packaged(locations()));
	}

	/** The locations of this database's migrations. */
	public String[] locations() {
		try (Connection connection = this.dataSource.getConnection()) {
			return "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())
					? new String[] { LOCATION, POSTGRESQL_LOCATION } : new String[] { LOCATION };
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not reach the database to migrate its schema: " + ex.getMessage(), ex);
		}
	}

	private Optional<String> difference(Map<String, Migration> packaged) {
		Map<String, Migration> applied = new TreeMap<>();
		try (Connection connection = this.dataSource.getConnection();
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery(
						"SELECT version, script, checksum, success, type FROM flyway_schema_history ORDER BY installed_rank")) {
			while (rows.next()) {
				String version = rows.getString(1);
				if (version == null && MARKERS.contains(rows.getString(5))) {
					continue; // Flyway's notes that it created the schema or its table, not migrations
				}
				if (version == null) {
					return Optional.of("migration " + rows.getString(2) + " is repeatable, and none is packaged");
				}
				if (!rows.getBoolean(4)) {
					return Optional.of("migration " + rows.getString(2) + " is marked failed");
				}
				int checksum = rows.getInt(3);
				applied.put(version, new Migration(rows.getString(2), rows.wasNull() ? null : checksum));
			}
		}
		catch (SQLException ex) {
			return Optional.of("no schema history (" + ex.getSQLState() + ")");
		}
		for (Map.Entry<String, Migration> migration : packaged.entrySet()) {
			Migration done = applied.remove(migration.getKey());
			if (done == null) {
				return Optional.of(migration.getValue().script() + " is pending");
			}
			if (!done.equals(migration.getValue())) {
				return Optional.of(migration.getValue().script() + " differs from the one applied as " + done.script());
			}
		}
		return applied.isEmpty() ? Optional.empty()
				: Optional.of("version " + applied.keySet().iterator().next() + " is applied but not packaged");
	}

	private Map<String, Migration> packaged(String[] locations) {
		Map<String, Migration> packaged = new TreeMap<>();
		for (String location : locations) {
			packaged(location, packaged);
		}
		return packaged;
	}

	private void packaged(String location, Map<String, Migration> packaged) {
		try {
			for (Resource resource : new PathMatchingResourcePatternResolver(this.classLoader)
				.getResources(location + "/**/*.sql")) {
				Matcher name = VERSIONED.matcher(resource.getFilename());
				if (name.matches()) {
					String version = name.group(1).replace('_', '.');
					packaged.put(version, new Migration(resource.getFilename(), checksum(resource)));
				}
				else {
					// not a versioned migration: let Flyway decide what it is
					packaged.put(resource.getFilename(), new Migration(resource.getFilename(), null));
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not list the packaged migrations in " + location, ex);
		}
	}

	/**
	 * The checksum Flyway records for a SQL migration: a CRC-32 of the script's lines, each read as
	 * UTF-8 without its line break and without a leading byte-order mark. Computed here because
	 * Flyway offers it only through a {@link Flyway} instance; should a Flyway upgrade compute it
	 * another way, every start would see a difference and run Flyway, which is slower but never wrong.
	 */
	static int checksum(Resource resource) {
		CRC32 crc = new CRC32();
		try (BufferedReader lines = new BufferedReader(
				new InputStreamReader(resource.getInputStream(), StandardCharsets.UTF_8))) {
			for (String line = lines.readLine(); line != null; line = lines.readLine()) {
				String text = line.startsWith(BYTE_ORDER_MARK) ? line.substring(1) : line;
				crc.update(text.getBytes(StandardCharsets.UTF_8));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read the migration " + resource.getDescription(), ex);
		}
		return (int) crc.getValue();
	}

	private record Migration(String script, Integer checksum) {
	}

}
