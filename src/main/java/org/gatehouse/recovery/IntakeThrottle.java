package org.gatehouse.recovery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.gatehouse.shared.Emails;
import org.gatehouse.shared.Problem;
import org.gatehouse.shared.ProblemException;
import org.gatehouse.shared.Tokens;
import org.gatehouse.system.Times;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Bounds requests per contact address and per client address in fixed windows, counted in the
 * database so that every node shares the count. Every attempt counts, refused ones too, and the
 * count commits on its own, whatever happens to the request.
 */
@Component
class IntakeThrottle {

	private final JdbcClient jdbc;
	private final SupportSettings settings;
	private final Clock clock;

	IntakeThrottle(JdbcClient jdbc, SupportSettings settings, Clock clock) {
		this.jdbc = jdbc;
		this.settings = settings;
		this.clock = clock;
	}

	/**
	 * Counts the request; 429 when the client (null: not counted) or the contact is over its limit.
	 * The refusal commits the count.
	 */
	@Transactional(propagation = Propagation.REQUIRES_NEW, noRollbackFor = ProblemException.class)
	public void admit(String client, String contactEmail) {
		if (client != null) {
			admit("client\n" + client, settings.requestsPerClient());
		}
		admit("email\n" + Emails.normalize(contactEmail), settings.requestsPerEmail());
	}

	/** Forgets windows that are over; their next request starts a new one anyway. */
	@Transactional
	public void sweep() {
		jdbc.sql("DELETE FROM support_intake_limit WHERE window_start < ?")
			.param(Times.db(clock.instant().minus(settings.requestWindow()))).update();
	}

	private void admit(String key, int limit) {
		Instant now = clock.instant();
		String hash = Tokens.sha256("support-intake\n" + key);
		var row = jdbc.sql("SELECT window_start, requests FROM support_intake_limit WHERE key_hash = ? FOR UPDATE")
			.param(hash)
			.query((rs, n) -> new Object[] { Times.instant(rs, "window_start"), rs.getInt("requests") })
			.optional();
		if (row.isEmpty()) {
			// two first requests at once: one insert fails with DuplicateKeyException, which rolls back and
			// is retried by the caller, finding the row then
			jdbc.sql("INSERT INTO support_intake_limit (key_hash, window_start, requests) VALUES (?, ?, 1)")
				.params(hash, Times.db(now)).update();
			return;
		}
		Instant start = (Instant) row.get()[0];
		Instant end = start.plus(settings.requestWindow());
		if (!now.isBefore(end) || now.isBefore(start)) {
			jdbc.sql("UPDATE support_intake_limit SET window_start = ?, requests = 1 WHERE key_hash = ?")
				.params(Times.db(now), hash).update();
			return;
		}
		jdbc.sql("UPDATE support_intake_limit SET requests = requests + 1 WHERE key_hash = ?").param(hash).update();
		if ((int) row.get()[1] >= limit) {
			throw new ProblemException(Problem.THROTTLED, "Too many support requests. Try again later.",
					Duration.between(now, end));
		}
	}

}
