package org.gatehouse.notification;

import java.time.Clock;
import java.util.UUID;

import org.gatehouse.shared.OrganizationId;
import org.gatehouse.system.Times;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Queues a message in the caller's transaction: it is sent if and only if the change commits. */
@Component
class MailOutbox {

	private final JdbcClient jdbc;
	private final Clock clock;

	MailOutbox(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Transactional(propagation = Propagation.MANDATORY)
	void enqueue(OrganizationId organizationId, String recipient, String subject, String body) {
		var now = Times.db(clock.instant());
		jdbc.sql("""
				INSERT INTO mail_outbox (id, organization_id, recipient, subject, body, status, attempts, next_attempt_at,
				created_at) VALUES (?, ?, ?, ?, ?, 'PENDING', 0, ?, ?)""")
			.params(UUID.randomUUID(), organizationId == null ? null : organizationId.value(), recipient, subject, body,
					now, now)
			.update();
	}

}
