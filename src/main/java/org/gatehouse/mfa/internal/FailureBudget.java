package org.gatehouse.mfa.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.gatehouse.system.Times;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The per-account budget of second-factor failures (docs/security.md, second factor): 5 free,
 * then waits of 30 s doubling to 1 h, and suspension at 100 consecutive failures. The row is locked
 * for the whole attempt, so attempts on one account are serialized across sessions and nodes. It
 * does not count through {@code attempts.AttemptCounter}: its count is decided on the
 * locked row together with the wait and the suspension, not by one statement; its first row is
 * inserted the same race-safe way ({@code ON CONFLICT DO NOTHING}).
 */
@Repository
public class FailureBudget {

	public static final int FREE_FAILURES = 5;
	public static final int SUSPEND_AT = 100;
	public static final Duration FIRST_WAIT = Duration.ofSeconds(30);
	public static final Duration MAX_WAIT = Duration.ofHours(1);

	public record State(int failures, Instant waitUntil, Instant suspendedAt) {

		public boolean waiting(Instant now) {
			return waitUntil != null && now.isBefore(waitUntil);
		}

	}

	private final JdbcClient jdbc;

	FailureBudget(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Locks and returns the account's budget, creating it when missing. */
	public State lock(UUID org, UUID user) {
		var state = jdbc.sql("SELECT failures, wait_until, suspended_at FROM mfa_failure_budget WHERE organization_id = ? AND user_id = ? FOR UPDATE")
			.params(org, user)
			.query((rs, n) -> new State(rs.getInt(1), Times.instant(rs, "wait_until"), Times.instant(rs, "suspended_at")))
			.optional();
		if (state.isPresent()) {
			return state.get();
		}
		jdbc.sql("INSERT INTO mfa_failure_budget (organization_id, user_id, failures) VALUES (?, ?, 0) ON CONFLICT DO NOTHING")
			.params(org, user).update();
		return lock(org, user);
	}

	/** Records a failure; returns the new state. */
	public State fail(UUID org, UUID user, State before, Instant now) {
		int failures = before.failures() + 1;
		Duration wait = waitAfter(failures);
		Instant waitUntil = wait.isZero() ? null : now.plus(wait);
		Instant suspended = failures >= SUSPEND_AT ? (before.suspendedAt() == null ? now : before.suspendedAt()) : before.suspendedAt();
		jdbc.sql("UPDATE mfa_failure_budget SET failures = ?, wait_until = ?, suspended_at = ? WHERE organization_id = ? AND user_id = ?")
			.params(failures, Times.db(waitUntil), Times.db(suspended), org, user).update();
		return new State(failures, waitUntil, suspended);
	}

	public void succeed(UUID org, UUID user) {
		jdbc.sql("UPDATE mfa_failure_budget SET failures = 0, wait_until = NULL WHERE organization_id = ? AND user_id = ?")
			.params(org, user).update();
	}

	/** After an administrator's or support's reset: a clean slate. */
	public void clear(UUID org, UUID user) {
		jdbc.sql("DELETE FROM mfa_failure_budget WHERE organization_id = ? AND user_id = ?").params(org, user).update();
	}

	public static Duration waitAfter(int failures) {
		if (failures < FREE_FAILURES) {
			return Duration.ZERO;
		}
		int doublings = Math.min(failures - FREE_FAILURES, 20);
		Duration wait = FIRST_WAIT.multipliedBy(1L << doublings);
		return wait.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait;
	}

}
