package org.gatehouse.login;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.gatehouse.shared.Problem;
import org.gatehouse.shared.ProblemException;
import org.gatehouse.system.Times;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Slows password guessing without ever locking anyone out: after 5 consecutive failures for an
 * (organization, email) pair, each further attempt waits 1 s, doubling to at most 60 s. Keyed by
 * what was typed, so an unknown account is throttled exactly like a real one.
 */
@Component
class PasswordThrottle {

	static final int FREE_FAILURES = 5;
	static final Duration MAX_WAIT = Duration.ofSeconds(60);

	private final JdbcClient jdbc;
	private final Clock clock;

	PasswordThrottle(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** Refuses an attempt that must wait; otherwise answers whether any failure is on record. */
	boolean check(String key) {
		return jdbc.sql("SELECT failures, last_failure_at FROM password_throttle WHERE key_hash = ?").param(key)
			.query((rs, n) -> {
				int failures = rs.getInt(1);
				Instant until = Times.instant(rs, "last_failure_at").plus(wait(failures));
				Instant now = clock.instant();
				if (now.isBefore(until)) {
					throw new ProblemException(Problem.THROTTLED,
							"Too many failed sign-ins for this account. Try again shortly.", Duration.between(now, until));
				}
				return failures;
			})
			.optional()
			.isPresent();
	}

	void failed(String key) {
		var now = Times.db(clock.instant());
		int updated = jdbc.sql("UPDATE password_throttle SET failures = failures + 1, last_failure_at = ? WHERE key_hash = ?")
			.params(now, key).update();
		if (updated == 0) {
			try {
				jdbc.sql("INSERT INTO password_throttle (key_hash, failures, last_failure_at) VALUES (?, 1, ?)")
					.params(key, now).update();
			}
			catch (DuplicateKeyException raced) {
				failed(key);
			}
		}
	}

	void succeeded(String key) {
		jdbc.sql("DELETE FROM password_throttle WHERE key_hash = ?").param(key).update();
	}

	static Duration wait(int failures) {
		if (failures < FREE_FAILURES) {
			return Duration.ZERO;
		}
		Duration wait = Duration.ofSeconds(1L << Math.min(failures - FREE_FAILURES, 10));
		return wait.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait;
	}

}
