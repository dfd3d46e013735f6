package org.gatehouse.attempts;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.gatehouse.system.Times;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Counts attempts per key in a table with one row per key. Recording is one statement on an
 * existing row, so concurrent attempts each count once; a key's first attempts may race to insert
 * its row, and the loser counts on the winner's row ({@code INSERT ... ON CONFLICT DO NOTHING},
 * which neither fails nor aborts a PostgreSQL transaction). The same on H2 and PostgreSQL, inside a
 * transaction or not.
 */
@Component
public class AttemptCounter {

	/**
	 * Where one kind of attempt is counted: the table, its key column (the primary key), the count,
	 * the instant the count is measured from (a window's start, or a run's last attempt) and, when
	 * the table has one, the column {@code ExpiredRowSweep} deletes by (null otherwise).
	 */
	public record Counts(String table, String key, String attempts, String since, String expiresAt) {
	}

	/** A key's attempts in its window, and when the window ends. */
	public record Window(int attempts, Instant end) {
	}

	private final JdbcClient jdbc;

	AttemptCounter(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Counts one attempt in the key's fixed window, or starts a new window with it when the last one
	 * is over. An instant before the window's start counts in the window: a clock a little behind, or
	 * a request that read the clock before it waited, must not reset the count.
	 */
	public void countInWindow(Counts counts, String key, Instant now, Duration window) {
		var over = Times.db(now.minus(window));
		var newEnd = Times.db(now.plus(window));
		String sql = "UPDATE " + counts.table() + " SET "
				+ counts.attempts() + " = CASE WHEN " + counts.since() + " > ? THEN " + counts.attempts() + " + 1 ELSE 1 END, "
				+ counts.since() + " = CASE WHEN " + counts.since() + " > ? THEN " + counts.since() + " ELSE ? END"
				+ (counts.expiresAt() == null ? ""
						: ", " + counts.expiresAt() + " = CASE WHEN " + counts.since() + " > ? THEN "
								+ counts.expiresAt() + " ELSE ? END")
				+ " WHERE " + counts.key() + " = ?";
		Object[] params = counts.expiresAt() == null ? new Object[] { over, over, Times.db(now), key }
				: new Object[] { over, over, Times.db(now), over, newEnd, key };
		count(counts, key, now, newEnd, sql, params);
	}

	/**
	 * Counts one more attempt in the key's run, which lasts until the caller clears it or the row
	 * expires; the run is measured from this attempt.
	 */
	public void countInRun(Counts counts, String key, Instant now, Instant expiresAt) {
		String sql = "UPDATE " + counts.table() + " SET " + counts.attempts() + " = " + counts.attempts() + " + 1, "
				+ counts.since() + " = ?" + (counts.expiresAt() == null ? "" : ", " + counts.expiresAt() + " = ?")
				+ " WHERE " + counts.key() + " = ?";
		Object[] params = counts.expiresAt() == null ? new Object[] { Times.db(now), key }
				: new Object[] { Times.db(now), Times.db(expiresAt), key };
		count(counts, key, now, Times.db(expiresAt), sql, params);
	}

	/** The key's current window, read after counting (in the same transaction, the row is still locked). */
	public Optional<Window> window(Counts counts, String key, Duration window) {
		return jdbc.sql("SELECT " + counts.attempts() + ", " + counts.since() + " FROM " + counts.table() + " WHERE "
				+ counts.key() + " = ?")
			.param(key)
			.query((rs, n) -> new Window(rs.getInt(1), Times.instant(rs, counts.since()).plus(window)))
			.optional();
	}

	/** Forgets the key's attempts. */
	public void clear(Counts counts, String key) {
		jdbc.sql("DELETE FROM " + counts.table() + " WHERE " + counts.key() + " = ?").param(key).update();
	}

	private void count(Counts counts, String key, Instant now, Object expiresAt, String update, Object[] params) {
		if (jdbc.sql(update).params(params).update() > 0) {
			return;
		}
		String insert = "INSERT INTO " + counts.table() + " (" + counts.key() + ", " + counts.attempts() + ", "
				+ counts.since() + (counts.expiresAt() == null ? "" : ", " + counts.expiresAt()) + ") VALUES (?, 1, ?"
				+ (counts.expiresAt() == null ? "" : ", ?") + ") ON CONFLICT DO NOTHING";
		Object[] values = counts.expiresAt() == null ? new Object[] { key, Times.db(now) }
				: new Object[] { key, Times.db(now), expiresAt };
		if (jdbc.sql(insert).params(values).update() == 0) {
			jdbc.sql(update).params(params).update(); // another first attempt inserted the row: count on it
		}
	}

}
