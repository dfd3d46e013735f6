package org.gatehouse.operations;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.gatehouse.support.TestEnvironment;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.io.FileSystemResource;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The schema is migrated whenever it differs from the packaged migrations, Flyway's refusals
 * still stop a start, and Flyway is not started when there is nothing to do; on the suite's
 * database (H2, or PostgreSQL with {@code -Dgatehouse.test.database=postgresql}).
 */
@ExtendWith(OutputCaptureExtension.class)
class SchemaMigrationsIntegrationTests {

	DataSource dataSource;

	JdbcClient jdbc;

	SchemaMigrations migrations;

	@BeforeEach
	void freshDatabase() {
		dataSource = TestEnvironment.freshDataSource();
		jdbc = JdbcClient.create(dataSource);
		migrations = new SchemaMigrations(dataSource, getClass().getClassLoader());
	}

	@Test
	void aFreshDatabaseIsMigratedAndThenCurrent() {
		assertThat(migrations.difference()).hasValueSatisfying(why -> assertThat(why).contains("no schema history"));

		migrations.afterPropertiesSet();

		assertThat(migrations.difference()).isEmpty();
		assertThat(jdbc.sql("SELECT COUNT(*) FROM flyway_schema_history WHERE success AND version IS NOT NULL")
			.query(Integer.class)
			.single()).isEqualTo(migrations.locations().length == 2 ? 11 : 10); // V12 on PostgreSQL only
	}

	@Test
	void aCurrentSchemaDoesNotStartFlyway(CapturedOutput output) {
		flyway().migrate();
		int before = output.getAll().length();

		migrations.afterPropertiesSet();

		String start = output.getAll().substring(before);
		assertThat(start).contains("Database schema is current").contains("Flyway not started");
		assertThat(start).doesNotContain("o.f.c.").doesNotContain("org.flywaydb");
	}

	@Test
	void aSchemaBehindThisBuildGetsTheMissingMigrations() {
		Flyway.configure().dataSource(dataSource).locations(migrations.locations()).target("10").load().migrate();
		assertThat(migrations.difference()).hasValueSatisfying(why -> assertThat(why).contains("V11__").contains("pending"));

		migrations.afterPropertiesSet();

		assertThat(migrations.difference()).isEmpty();
		assertThat(jdbc.sql("SELECT MAX(installed_rank) FROM flyway_schema_history WHERE version = '11'")
			.query(Integer.class).single()).isNotNull();
	}

	@Test
	void anEditedMigrationStillStopsTheStart() {
		flyway().migrate();
		jdbc.sql("UPDATE flyway_schema_history SET checksum = checksum + 1 WHERE version = '2'").update();

		assertThat(migrations.difference()).hasValueSatisfying(why -> assertThat(why).contains("V2__").contains("differs"));
		assertThatThrownBy(migrations::afterPropertiesSet).isInstanceOf(FlywayException.class)
			.hasMessageContaining("checksum mismatch");
	}

	@Test
	void aFailedMigrationStillStopsTheStart() {
		flyway().migrate();
		jdbc.sql("UPDATE flyway_schema_history SET success = FALSE WHERE version = '11'").update();

		assertThat(migrations.difference()).hasValueSatisfying(why -> assertThat(why).contains("failed"));
		assertThatThrownBy(migrations::afterPropertiesSet).isInstanceOf(FlywayException.class)
			.hasMessageContaining("failed migration");
	}

	@Test
	void aMigrationAppliedByAnotherBuildIsNoticed() {
		flyway().migrate();
		jdbc.sql("""
				INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum,
				installed_by, execution_time, success) VALUES (99, '99', 'from a later build', 'SQL',
				'V99__from_a_later_build.sql', 1, 'test', 1, TRUE)""").update();

		assertThat(migrations.difference())
			.hasValueSatisfying(why -> assertThat(why).contains("version 99 is applied but not packaged"));
	}

	@Test
	void computesTheChecksumFlywayRecords(@TempDir Path folder) throws IOException {
		Path script = folder.resolve("V1__with_a_byte_order_mark_and_mixed_line_breaks.sql");
		Files.writeString(script, "\uFEFF-- caf\u00e9 \u2603\r\nCREATE TABLE t (id INT);\r\n\nINSERT INTO t VALUES (1);\r"
				+ "-- no line break at the end", StandardCharsets.UTF_8);
		Flyway.configure().dataSource(dataSource).locations("filesystem:" + folder).load().migrate();

		assertThat(SchemaMigrations.checksum(new FileSystemResource(script)))
			.isEqualTo(jdbc.sql("SELECT checksum FROM flyway_schema_history WHERE version = '1'").query(Integer.class).single());
	}

	private Flyway flyway() {
		return Flyway.configure().dataSource(dataSource).locations(migrations.locations()).load();
	}

}
