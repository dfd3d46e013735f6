package org.gatehouse.links;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.gatehouse.system.Times;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes expired tokens every {@code gatehouse.sweep.interval} (default 5 minutes), in batches of
 * {@code gatehouse.sweep.batch} rows, each its own short statement, so that a large backlog (the
 * first sweep after an upgrade) never holds many locks or one long transaction. Every node runs
 * it; two nodes deleting the same rows at once only find fewer to delete.
 */
@Component
class ExpiredRowSweep {

	private static final Logger log = LoggerFactory.getLogger(ExpiredRowSweep.class);

	private final List<ExpiringRows> tables;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final int batch;

	ExpiredRowSweep(List<ExpiringRows> tables, JdbcClient jdbc, Clock clock,
			@Value("${gatehouse.sweep.batch:1000}") int batch) {
		this.tables = tables;
		this.jdbc = jdbc;
		this.clock = clock;
		this.batch = batch;
	}

	@Scheduled(fixedDelayString = "${gatehouse.sweep.interval:5m}", initialDelayString = "${gatehouse.sweep.interval:5m}")
	void sweep() {
		for (ExpiringRows rows : this.tables) {
			try {
				long deleted = 0;
				int last;
				do {
					last = deleteExpired(rows.table(), rows.key(), this.clock.instant());
					deleted += last;
				}
				while (last == this.batch);
				if (deleted > 0) {
					log.debug("Deleted {} expired {}", deleted, rows.name());
				}
			}
			catch (RuntimeException ex) { // the database may be away for a while; the next sweep catches up
				log.warn("Sweeping expired {} failed: {}", rows.name(), ex.getClass().getSimpleName());
			}
		}
	}

	/** One batch, oldest first (through the table's index on expires_at); an expired token is refused anyway. */
	private int deleteExpired(String table, String key, Instant now) {
		return this.jdbc.sql("DELETE FROM " + table + " WHERE " + key + " IN (SELECT " + key + " FROM " + table
				+ " WHERE expires_at <= ? ORDER BY expires_at LIMIT " + this.batch + ")")
			.param(Times.db(now))
			.update();
	}

}
