package org.gatehouse.recovery.internal;

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
 * Bounds requests per client address, and the acknowledgements one contact mailbox gets, in fixed
 * windows counted in the database so that every node shares the count. Every attempt counts, refused
 * ones too, and the count commits on its own, whatever happens to the request. A mailbox past its
 * limit is not refused: refusing would let anyone who knows the chief operator's address keep the
 * chief operator's own request out; the request is filed and answered the same, and only the mail
 * stops. Variants of one address that reach the same mailbox ({@code Name+tag@Example.com.}) share one
 * count.
 */
@Component
public class IntakeThrottle {

	private final JdbcClient jdbc;
	private final SupportSettings settings;
	private final Clock clock;

	IntakeThrottle(JdbcClient jdbc, SupportSettings settings, Clock clock) {
		this.jdbc = jdbc;
		this.settings = settings;
		this.clock = clock;
	}

	/** A key's requests in its current window, this one included, and when the window ends. */
	private record Window(int requests, Instant end) {
	}

	private record Row(Instant start, int requests) {
	}

	/**
	 * Counts the request: 429 when the client (null: not counted) is over its limit, a refusal that
	 * commits the count. Otherwise whether the contact's mailbox may still be sent an acknowledgement.
	 */
	@Transactional(propagation = Propagation.REQUIRES_NEW, noRollbackFor = ProblemException.class)
	public boolean admit(String client, String contactEmail) {
		if (client != null) {
			Window window = count("client\n" + client);
			if (window.requests() > settings.requestsPerClient()) {
				throw new ProblemException(Problem.THROTTLED, "Too many support requests. Try again later.",
						Duration.between(clock.instant(), window.end()));
			}
		}
		return count("mailbox\n" + mailbox(contactEmail)).requests() <= settings.acknowledgementsPerEmail();
	}

	/**
	 * Counts a message to an organization's address of record about a request that named it (the
	 * guidance, "a recovery is under way") with the acknowledgements its mailbox gets: whether it may
	 * still be sent. Anyone may name an organization, again and again, from addresses of their own.
	 */
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	public boolean mayMail(String addressOfRecord) {
		return count("mailbox\n" + mailbox(addressOfRecord)).requests() <= settings.acknowledgementsPerEmail();
	}

	/** Forgets windows that are over; their next request starts a new one anyway. */
	@Transactional
	public void sweep() {
		jdbc.sql("DELETE FROM support_intake_limit WHERE window_start < ?")
			.param(Times.db(clock.instant().minus(settings.requestWindow()))).update();
	}

	/** The mailbox an address delivers to: lower case, without a {@code +tag} or a trailing dot of the domain. */
	static String mailbox(String email) {
		String address = Emails.normalize(email);
		int at = address.lastIndexOf('@');
		if (at < 0) {
			return address;
		}
		String local = address.substring(0, at);
		String domain = address.substring(at + 1);
		int tag = local.indexOf('+');
		if (tag > 0) {
			local = local.substring(0, tag);
		}
		while (domain.endsWith(".")) {
			domain = domain.substring(0, domain.length() - 1);
		}
		return local + "@" + domain;
	}

	private Window count(String key) {
		Instant now = clock.instant();
		String hash = Tokens.sha256("support-intake\n" + key);
		var row = jdbc.sql("SELECT window_start, requests FROM support_intake_limit WHERE key_hash = ? FOR UPDATE")
			.param(hash)
			.query((rs, n) -> new Row(Times.instant(rs, "window_start"), rs.getInt("requests")))
			.optional();
		if (row.isEmpty()) {
			// two first requests at once: one insert fails with DuplicateKeyException, which rolls back and
			// is retried by the caller, finding the row then
			jdbc.sql("INSERT INTO support_intake_limit (key_hash, window_start, requests) VALUES (?, ?, 1)")
				.params(hash, Times.db(now)).update();
			return new Window(1, now.plus(settings.requestWindow()));
		}
		// a "now" before the window's start is no reason to start a new one: it is a request that read the clock
		// before it waited for this row's lock, or a node whose clock runs a little behind; either would
		// otherwise reset the count
		Instant end = row.get().start().plus(settings.requestWindow());
		if (!now.isBefore(end)) {
			jdbc.sql("UPDATE support_intake_limit SET window_start = ?, requests = 1 WHERE key_hash = ?")
				.params(Times.db(now), hash).update();
			return new Window(1, now.plus(settings.requestWindow()));
		}
		jdbc.sql("UPDATE support_intake_limit SET requests = requests + 1 WHERE key_hash = ?").param(hash).update();
		return new Window(row.get().requests() + 1, end);
	}

}
