package org.gatehouse.login.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import org.gatehouse.attempts.AttemptCounter;
import org.gatehouse.links.ExpiringRows;
import org.gatehouse.shared.Emails;
import org.gatehouse.shared.Problem;
import org.gatehouse.shared.ProblemException;
import org.gatehouse.shared.Tokens;
import org.gatehouse.system.Times;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Slows password guessing without ever locking the owner out. Two counters, both keyed by what was
 * typed, so an unknown account is throttled exactly like a real one:
 * <ul>
 * <li>per client address and account: after 5 consecutive failures, each further attempt from that
 * address waits 1 s, doubling to at most 60 s. Others' failures never slow a client down, so a
 * flood of wrong passwords from other addresses cannot stop the owner's correct one;</li>
 * <li>per account, across all clients: a guesser spread over many addresses gets at most
 * {@code gatehouse.sign-in.account-failures-per-hour} (1000) evaluated failures an hour; past that,
 * clients wait for the hour to end, except the owner's browser ({@link KnownDevices}). The ceiling is
 * far above what one client can reach, and it only delays: the next hour evaluates again.</li>
 * </ul>
 * Attempts during a wait are refused without being evaluated and do not extend it.
 */
@Component
public class PasswordThrottle {

	static final int FREE_FAILURES = 5;
	static final Duration MAX_WAIT = Duration.ofSeconds(60);
	static final Duration ACCOUNT_WINDOW = Duration.ofHours(1);
	/** How long a client's failures at an account are remembered after the last one. */
	static final Duration CLIENT_MEMORY = Duration.ofDays(1);
	static final String REFUSAL = "Too many failed sign-ins for this account. Try again shortly.";

	private static final AttemptCounter.Counts CLIENT_COUNTS = new AttemptCounter.Counts("password_throttle",
			"key_hash", "failures", "last_failure_at", "expires_at");
	private static final AttemptCounter.Counts ACCOUNT_COUNTS = new AttemptCounter.Counts(
			"password_account_throttle", "key_hash", "failures", "window_started_at", "expires_at");

	private final JdbcClient jdbc;
	private final AttemptCounter attempts;
	private final Clock clock;
	private final int accountFailuresPerWindow;

	PasswordThrottle(JdbcClient jdbc, AttemptCounter attempts, Clock clock,
			@Value("${gatehouse.sign-in.account-failures-per-hour:1000}") int accountFailuresPerWindow) {
		if (accountFailuresPerWindow < FREE_FAILURES) {
			throw new IllegalArgumentException("gatehouse.sign-in.account-failures-per-hour must be at least " + FREE_FAILURES);
		}
		this.jdbc = jdbc;
		this.attempts = attempts;
		this.clock = clock;
		this.accountFailuresPerWindow = accountFailuresPerWindow;
	}

	/** The counters' keys for what was typed, from where: hashes, so no email is stored in the clear. */
	public record Keys(String pair, String account) {

		public static Keys of(String slug, String email, String client) {
			String account = account(slug, email);
			return new Keys(Tokens.sha256(account + "\n" + client), account);
		}

		static String account(String slug, String email) {
			return Tokens.sha256(String.valueOf(slug).strip().toLowerCase(Locale.ROOT) + "\n" + Emails.normalize(email));
		}

	}

	/**
	 * What is on record: whether this client has failures at this account, and how long the account's
	 * ceiling still holds (null when it does not).
	 */
	public record State(boolean clientFailedBefore, Duration accountWait) {
	}

	/** Refuses an attempt that this client must wait for; otherwise what is on record. One round trip. */
	public State check(Keys keys) {
		Instant now = clock.instant();
		boolean[] clientFailed = { false };
		Duration[] accountWait = { null };
		jdbc.sql("""
				SELECT 'P' AS kind, failures, last_failure_at AS happened_at FROM password_throttle WHERE key_hash = ?
				UNION ALL
				SELECT 'A' AS kind, failures, window_started_at AS happened_at FROM password_account_throttle WHERE key_hash = ?""")
			.params(keys.pair(), keys.account())
			.query(rs -> {
				int failures = rs.getInt("failures");
				Instant at = Times.instant(rs, "happened_at");
				if ("P".equals(rs.getString("kind"))) {
					Instant until = at.plus(wait(failures));
					if (now.isBefore(until)) {
						throw refusal(Duration.between(now, until));
					}
					clientFailed[0] = true;
				}
				else if (failures >= accountFailuresPerWindow && now.isBefore(at.plus(ACCOUNT_WINDOW))) {
					accountWait[0] = Duration.between(now, at.plus(ACCOUNT_WINDOW));
				}
			});
		return new State(clientFailed[0], accountWait[0]);
	}

	public static ProblemException refusal(Duration wait) {
		return new ProblemException(Problem.THROTTLED, REFUSAL, wait);
	}

	/**
	 * Counts a failure: one more in this client's run at the account, and one in the account's current
	 * window (or the first of a new window when the last one is over).
	 */
	public void failed(Keys keys) {
		Instant now = clock.instant();
		attempts.countInRun(CLIENT_COUNTS, keys.pair(), now, now.plus(CLIENT_MEMORY));
		attempts.countInWindow(ACCOUNT_COUNTS, keys.account(), now, ACCOUNT_WINDOW);
	}

	/** Clears this client's failures only: a success from one address gives no other address a fresh start. */
	public void succeeded(Keys keys) {
		attempts.clear(CLIENT_COUNTS, keys.pair());
	}

	/** A client's counter a day after its last failure: the next failure starts with free ones again. */
	@Component
	static class ClientRows implements ExpiringRows {

		@Override
		public String table() {
			return "password_throttle";
		}

		@Override
		public String key() {
			return "key_hash";
		}

		@Override
		public String name() {
			return "password failure counters of clients";
		}

	}

	/** An account's counter once its hour is over: the next failure starts a new window anyway. */
	@Component
	static class AccountRows implements ExpiringRows {

		@Override
		public String table() {
			return "password_account_throttle";
		}

		@Override
		public String key() {
			return "key_hash";
		}

		@Override
		public String name() {
			return "password failure counters of accounts";
		}

	}

	static Duration wait(int failures) {
		if (failures < FREE_FAILURES) {
			return Duration.ZERO;
		}
		Duration wait = Duration.ofSeconds(1L << Math.min(failures - FREE_FAILURES, 10));
		return wait.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait;
	}

}
