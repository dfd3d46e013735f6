package org.gatehouse.support;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class TestEnvironmentTests {

	@Test
	void pointsThePostgresqlUrlAtTheTestDatabaseKeepingHostPortAndParameters() {
		assertThat(TestEnvironment.databaseUrl("jdbc:postgresql://127.0.0.1:5432/postgres", "gatehouse_test_1_a"))
			.isEqualTo("jdbc:postgresql://127.0.0.1:5432/gatehouse_test_1_a");
		assertThat(TestEnvironment.databaseUrl("jdbc:postgresql://db:6543/postgres?sslmode=disable", "t"))
			.isEqualTo("jdbc:postgresql://db:6543/t?sslmode=disable");
		assertThat(TestEnvironment.databaseUrl("jdbc:postgresql://db", "t")).isEqualTo("jdbc:postgresql://db/t");
	}

	@Test
	void refusesAUrlThatIsNotPostgresql() {
		assertThatIllegalStateException()
			.isThrownBy(() -> TestEnvironment.databaseUrl("jdbc:h2:mem:x", "t"));
	}

}
