package org.gatehouse.attempts;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The counter on H2 in the application's PostgreSQL mode; the throttles' suites run it on both databases. */
class AttemptCounterTests {

	private static final Duration HOUR = Duration.ofHours(1);
	private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
	private static final AttemptCounter.Counts WINDOWS = new AttemptCounter.Counts("windows", "key_hash", "attempts",
			"started_at", "expires_at");
	private static final AttemptCounter.Counts RUNS = new AttemptCounter.Counts("runs", "key_hash", "attempts",
			"last_at", null);

	private JdbcClient jdbc;
	private AttemptCounter counter;

	@BeforeEach
	void setUp() {
		jdbc = JdbcClient.create(new DriverManagerDataSource("jdbc:h2:mem:" + UUID.randomUUID()
				+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1"));
		jdbc.sql("CREATE TABLE windows (key_hash VARCHAR(64) PRIMARY KEY, attempts INT NOT NULL, "
				+ "started_at TIMESTAMP WITH TIME ZONE NOT NULL, expires_at TIMESTAMP WITH TIME ZONE NOT NULL)").update();
		jdbc.sql("CREATE TABLE runs (key_hash VARCHAR(64) PRIMARY KEY, attempts INT NOT NULL, "
				+ "last_at TIMESTAMP WITH TIME ZONE NOT NULL)").update();
		counter = new AttemptCounter(jdbc);
	}

	@Test
	void countsAttemptsInAWindowAndStartsANewOneWhenItIsOver() {
		counter.countInWindow(WINDOWS, "k", T0, HOUR);
		counter.countInWindow(WINDOWS, "k", T0.plusSeconds(60), HOUR);
		counter.countInWindow(WINDOWS, "k", T0.minusSeconds(5), HOUR); // a clock a little behind

		assertThat(counter.window(WINDOWS, "k", HOUR)).contains(new AttemptCounter.Window(3, T0.plus(HOUR)));

		counter.countInWindow(WINDOWS, "k", T0.plus(HOUR), HOUR);

		assertThat(counter.window(WINDOWS, "k", HOUR)).contains(new AttemptCounter.Window(1, T0.plus(HOUR).plus(HOUR)));
		assertThat(counter.window(WINDOWS, "other", HOUR)).isEmpty();
	}

	@Test
	void aRunGoesOnWhateverTheTimeUntilItIsCleared() {
		counter.countInRun(RUNS, "k", T0, null);
		counter.countInRun(RUNS, "k", T0.plus(Duration.ofDays(3)), null);

		assertThat(jdbc.sql("SELECT attempts FROM runs WHERE key_hash = 'k'").query(Integer.class).single()).isEqualTo(2);

		counter.clear(RUNS, "k");

		assertThat(jdbc.sql("SELECT COUNT(*) FROM runs").query(Integer.class).single()).isZero();
	}

	@Test
	void firstAttemptsThatArriveTogetherEachCountOnce() throws Exception {
		int n = 8;
		CyclicBarrier start = new CyclicBarrier(n);
		ExecutorService pool = Executors.newFixedThreadPool(n);
		try {
			List<Future<?>> done = new ArrayList<>();
			for (int i = 0; i < n; i++) {
				done.add(pool.submit(() -> {
					start.await();
					counter.countInWindow(WINDOWS, "k", T0, HOUR);
					return null;
				}));
			}
			for (Future<?> f : done) {
				f.get();
			}
		}
		finally {
			pool.shutdownNow();
		}

		assertThat(counter.window(WINDOWS, "k", HOUR)).contains(new AttemptCounter.Window(n, T0.plus(HOUR)));
	}

}
