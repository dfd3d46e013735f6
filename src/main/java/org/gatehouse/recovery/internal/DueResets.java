package org.gatehouse.recovery.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.gatehouse.recovery.TicketState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs the resets whose waiting period is over, expires tickets that made no progress in time, routes
 * requests that a stopping node filed but never routed, and forgets intake windows that are over.
 * Each ticket is handled in its own transaction with its row locked and its state checked again
 * under the lock, so a cancellation that got there first wins, and of several nodes only one acts.
 */
@Component
public class DueResets {

	private static final Logger logger = LoggerFactory.getLogger(DueResets.class);

	/** Routing follows intake within milliseconds; a request older than this and not routed was left behind. */
	private static final Duration UNROUTED_AFTER = Duration.ofMinutes(1);

	private final TicketRepository tickets;
	private final TicketLog log;
	private final ResetExecution execution;
	private final Routing routing;
	private final IntakeThrottle throttle;
	private final SupportSettings settings;
	private final TransactionTemplate tx;
	private final Clock clock;

	DueResets(TicketRepository tickets, TicketLog log, ResetExecution execution, Routing routing,
			IntakeThrottle throttle, SupportSettings settings, PlatformTransactionManager transactions, Clock clock) {
		this.tickets = tickets;
		this.log = log;
		this.execution = execution;
		this.routing = routing;
		this.throttle = throttle;
		this.settings = settings;
		this.tx = new TransactionTemplate(transactions);
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${gatehouse.support.job-interval:60s}", initialDelayString = "${gatehouse.support.job-interval:60s}")
	public void run() {
		try {
			tickets.dueForExecution(clock.instant()).forEach(this::executeIfDue);
			Instant now = clock.instant();
			tickets.stale(now.minus(settings.proofLifetime()), now.minus(settings.ticketLifetime()))
				.forEach(id -> attempt(id, this::expireIfStale));
			tickets.unrouted(now.minus(UNROUTED_AFTER)).forEach(id -> attempt(id, routing::route));
			throttle.sweep();
		}
		catch (RuntimeException ex) {
			logger.warn("support job skipped: {}", ex.getClass().getSimpleName());
		}
	}

	/** Runs the reset, in a transaction of its own, if the ticket, locked now, is still waiting and due. */
	public void executeIfDue(UUID id) {
		attempt(id, this::execute);
	}

	private void execute(UUID id) {
		tickets.findForUpdate(id).filter(t -> t.due(clock.instant())).ifPresent(ticket -> {
			log.changed(ticket, ticket.ready(clock.instant()), TicketLog.By.SYSTEM, Map.of());
			execution.run(ticket, TicketLog.By.SYSTEM);
		});
	}

	private void expireIfStale(UUID id) {
		Instant now = clock.instant();
		tickets.findForUpdate(id).filter(t -> stale(t, now))
			.ifPresent(ticket -> log.changed(ticket, ticket.expire(now), TicketLog.By.SYSTEM, Map.of()));
	}

	private boolean stale(Ticket t, Instant now) {
		boolean waiting = t.state == TicketState.OPEN || t.state == TicketState.AWAITING_EMAIL_PROOF
				|| t.state == TicketState.AWAITING_EVIDENCE || t.state == TicketState.AWAITING_APPROVAL;
		boolean proofOver = t.state == TicketState.AWAITING_EMAIL_PROOF && t.proofSentAt != null
				&& t.proofSentAt.plus(settings.proofLifetime()).isBefore(now);
		return waiting && (proofOver || t.createdAt.plus(settings.ticketLifetime()).isBefore(now));
	}

	private void attempt(UUID id, java.util.function.Consumer<UUID> work) {
		try {
			tx.executeWithoutResult(status -> work.accept(id));
		}
		catch (RuntimeException ex) {
			logger.warn("support ticket {} not handled this time: {}", id, ex.getClass().getSimpleName());
		}
	}

}
