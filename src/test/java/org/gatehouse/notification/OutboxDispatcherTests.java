package org.gatehouse.notification;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.flywaydb.core.Flyway;
import org.gatehouse.system.Times;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the dispatcher groups its deliveries, on the real schema (an in-memory H2 migrated by Flyway)
 * with a transport that records what it is asked to do.
 */
class OutboxDispatcherTests {

	static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

	JdbcClient jdbc;

	RecordingTransport transport = new RecordingTransport();

	OutboxDispatcher dispatcher;

	@BeforeEach
	void database() {
		DataSource dataSource = new DriverManagerDataSource("jdbc:h2:mem:outbox-" + UUID.randomUUID()
				+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1", "sa", "");
		Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
		jdbc = JdbcClient.create(dataSource);
		dispatcher = new OutboxDispatcher(jdbc, transport, new MailSettings(null, null, null, 0),
				Clock.fixed(NOW, ZoneOffset.UTC), new SimpleMeterRegistry());
	}

	@Test
	void aQueueLongerThanOneBatchGoesOutInOnePollOneRunPerBatch() {
		queue(120);

		dispatcher.dispatch();

		assertThat(transport.delivered).hasSize(120);
		assertThat(transport.runs).isEqualTo(3);
		assertThat(transport.open).isZero();
		assertThat(count("SENT")).isEqualTo(120);
	}

	@Test
	void anUnreachableServerEndsThePollAfterOneAttempt() {
		queue(5);
		transport.unreachable = true;

		dispatcher.dispatch();

		assertThat(transport.attempts).isEqualTo(1);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM mail_outbox WHERE attempts = 1 AND last_error = 'Unreachable'")
			.query(Integer.class).single()).isEqualTo(1);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM mail_outbox WHERE attempts = 0 AND locked_until IS NULL")
			.query(Integer.class).single()).isEqualTo(4);
		assertThat(transport.open).isZero();
	}

	@Test
	void aMessageRefusedByTheServerDoesNotStopTheOthers() {
		queue(3);
		transport.refuse = "user1@example.com";

		dispatcher.dispatch();

		assertThat(transport.delivered).containsExactlyInAnyOrder("user0@example.com", "user2@example.com");
		assertThat(count("SENT")).isEqualTo(2);
		assertThat(count("PENDING")).isEqualTo(1);
	}

	private void queue(int messages) {
		for (int i = 0; i < messages; i++) {
			jdbc.sql("""
					INSERT INTO mail_outbox (id, recipient, subject, body, status, attempts, next_attempt_at, created_at)
					VALUES (?, ?, 'Invitation', 'Open the link', 'PENDING', 0, ?, ?)""")
				.params(UUID.randomUUID(), "user" + i + "@example.com", Times.db(NOW.minus(Duration.ofSeconds(messages - i))),
						Times.db(NOW))
				.update();
		}
	}

	private int count(String status) {
		return jdbc.sql("SELECT COUNT(*) FROM mail_outbox WHERE status = ?").param(status).query(Integer.class).single();
	}

	static final class RecordingTransport implements MailTransport {

		final List<String> delivered = new ArrayList<>();
		int runs;
		int open;
		int attempts;
		boolean unreachable;
		String refuse;

		@Override
		public Run open() {
			runs++;
			open++;
			return new Run() {

				@Override
				public void deliver(String from, String to, String subject, String body) throws Exception {
					attempts++;
					if (unreachable) {
						throw new Unreachable(new java.net.ConnectException("refused"));
					}
					if (to.equals(refuse)) {
						throw new IllegalStateException("550 mailbox unavailable");
					}
					delivered.add(to);
				}

				@Override
				public void close() {
					open--;
				}

			};
		}

	}

}
