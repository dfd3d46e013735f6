package org.gatehouse.notification;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.gatehouse.system.Times;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Delivers due messages. A message is claimed with a compare-and-set lease, so of several nodes
 * exactly one sends it; it is marked sent right after delivery and its body is then erased, since
 * it may hold a one-time link. A failed delivery is retried with growing waits, without end.
 */
@Component
class OutboxDispatcher {

	private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);
	private static final Duration LEASE = Duration.ofMinutes(2);
	private static final int BATCH = 50;
	/** A long queue goes out in stretches, since the other scheduled jobs (due support resets) share the thread. */
	private static final Duration BUSY_FOR_AT_MOST = Duration.ofSeconds(5);

	private final JdbcClient jdbc;
	private final MailTransport transport;
	private final MailSettings settings;
	private final Clock clock;
	private final Counter sent;
	private final Counter failed;
	private final AtomicLong failing = new AtomicLong();
	private final AtomicLong pending = new AtomicLong();

	OutboxDispatcher(JdbcClient jdbc, MailTransport transport, MailSettings settings, Clock clock,
			MeterRegistry meters) {
		this.jdbc = jdbc;
		this.transport = transport;
		this.settings = settings;
		this.clock = clock;
		this.sent = meters.counter("gatehouse.mail.sent");
		this.failed = meters.counter("gatehouse.mail.attempts.failed");
		Gauge.builder("gatehouse.mail.failing", failing, AtomicLong::get)
			.description("messages that failed at least gatehouse.mail.failing-after times and are still being retried")
			.register(meters);
		Gauge.builder("gatehouse.mail.pending", pending, AtomicLong::get)
			.description("messages not delivered yet, whether due now or waiting for a retry")
			.register(meters);
	}

	record Due(UUID id, String recipient, String subject, String body, int attempts) {

		@Override
		public String toString() {
			return "Due[" + id + "]";
		}

	}

	@Scheduled(fixedDelayString = "${gatehouse.mail.poll-interval:1s}")
	void dispatch() {
		try {
			long until = System.nanoTime() + BUSY_FOR_AT_MOST.toNanos();
			List<Due> due = due();
			while (deliverAll(due) && due.size() == BATCH && System.nanoTime() < until) {
				due = due();
			}
			jdbc.sql("""
					SELECT COUNT(*), COALESCE(SUM(CASE WHEN attempts >= ? THEN 1 ELSE 0 END), 0) FROM mail_outbox
					WHERE status = 'PENDING'""")
				.param(settings.failingAfter())
				.query(rs -> {
					pending.set(rs.getLong(1));
					failing.set(rs.getLong(2));
				});
		}
		catch (RuntimeException ex) {
			log.warn("mail dispatch skipped: {}", ex.getClass().getSimpleName());
		}
	}

	/**
	 * Delivers the messages in one run of the transport (one SMTP connection); false when the server
	 * could not be reached, which ends the run and leaves the rest for the next poll.
	 */
	private boolean deliverAll(List<Due> due) {
		try (MailTransport.Run run = transport.open()) {
			for (Due message : due) {
				if (claim(message) && !deliver(run, message)) {
					return false;
				}
			}
		}
		return true;
	}

	private List<Due> due() {
		Instant now = clock.instant();
		return jdbc.sql("""
				SELECT id, recipient, subject, body, attempts FROM mail_outbox
				WHERE status = 'PENDING' AND next_attempt_at <= ? AND (locked_until IS NULL OR locked_until < ?)
				ORDER BY next_attempt_at LIMIT ?""")
			.params(Times.db(now), Times.db(now), BATCH)
			.query((rs, n) -> new Due(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getInt(5)))
			.list();
	}

	private boolean claim(Due due) {
		Instant now = clock.instant();
		return jdbc.sql("""
				UPDATE mail_outbox SET locked_until = ? WHERE id = ? AND status = 'PENDING'
				AND (locked_until IS NULL OR locked_until < ?)""")
			.params(Times.db(now.plus(LEASE)), due.id(), Times.db(now))
			.update() == 1;
	}

	/** Delivers one claimed message and records the outcome; false when the server could not be reached. */
	private boolean deliver(MailTransport.Run run, Due due) {
		try {
			run.deliver(settings.from(), due.recipient(), due.subject(), due.body());
			jdbc.sql("UPDATE mail_outbox SET status = 'SENT', sent_at = ?, body = '', locked_until = NULL, attempts = attempts + 1 WHERE id = ?")
				.params(Times.db(clock.instant()), due.id())
				.update();
			sent.increment();
			return true;
		}
		catch (Exception ex) {
			int attempts = due.attempts() + 1;
			Duration wait = backoff(attempts);
			String reason = ex.getClass().getSimpleName();
			jdbc.sql("UPDATE mail_outbox SET attempts = ?, next_attempt_at = ?, locked_until = NULL, last_error = ? WHERE id = ?")
				.params(attempts, Times.db(clock.instant().plus(wait)), reason, due.id())
				.update();
			failed.increment();
			if (attempts >= settings.failingAfter()) {
				log.error("mail {} still undelivered after {} attempts ({}); retrying in {}", due.id(), attempts, reason, wait);
			}
			else {
				log.warn("mail {} not delivered ({}); retrying in {}", due.id(), reason, wait);
			}
			return !(ex instanceof MailTransport.Unreachable);
		}
	}

	private Duration backoff(int attempts) {
		Duration wait = Duration.ofSeconds(1L << Math.min(attempts, 20));
		return wait.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : wait;
	}

}
