package org.gatehouse.recovery.internal;

import java.time.Clock;
import java.time.Duration;

import org.gatehouse.attempts.AttemptCounter;
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

	private static final AttemptCounter.Counts COUNTS = new AttemptCounter.Counts("support_intake_limit", "key_hash",
			"requests", "window_start", null);

	private final JdbcClient jdbc;
	private final AttemptCounter attempts;
	private final SupportSettings settings;
	private final Clock clock;

	IntakeThrottle(JdbcClient jdbc, AttemptCounter attempts, SupportSettings settings, Clock clock) {
		this.jdbc = jdbc;
		this.attempts = attempts;
		this.settings = settings;
		this.clock = clock;
	}

	/**
	 * Counts the request: 429 when the client (null: not counted) is over its limit, a refusal that
	 * commits the count. Otherwise whether the contact's mailbox may still be sent an acknowledgement.
	 */
	@Transactional(propagation = Propagation.REQUIRES_NEW, noRollbackFor = ProblemException.class)
	public boolean admit(String client, String contactEmail) {
		if (client != null) {
			AttemptCounter.Window window = count("client\n" + client);
			if (window.attempts() > settings.requestsPerClient()) {
				throw new ProblemException(Problem.THROTTLED, "Too many support requests. Try again later.",
						Duration.between(clock.instant(), window.end()));
			}
		}
		return count("mailbox\n" + mailbox(contactEmail)).attempts() <= settings.acknowledgementsPerEmail();
	}

	/**
	 * Counts a message to an organization's address of record about a request that named it (the
	 * guidance, "a recovery is under way") with the acknowledgements its mailbox gets: whether it may
	 * still be sent. Anyone may name an organization, again and again, from addresses of their own.
	 */
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	public boolean mayMail(String addressOfRecord) {
		return count("mailbox\n" + mailbox(addressOfRecord)).attempts() <= settings.acknowledgementsPerEmail();
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

	/** Counts a request of the key in its window (the row stays locked until the commit) and reads the window. */
	private AttemptCounter.Window count(String key) {
		String hash = Tokens.sha256("support-intake\n" + key);
		attempts.countInWindow(COUNTS, hash, clock.instant(), settings.requestWindow());
		return attempts.window(COUNTS, hash, settings.requestWindow()).orElseThrow();
	}

}
