package org.gatehouse.recovery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.gatehouse.audit.AuditAction;
import org.gatehouse.links.OneTimeTokens;
import org.gatehouse.organization.Organization;
import org.gatehouse.recovery.internal.RecoveryGuards;
import org.gatehouse.recovery.internal.ResetExecution;
import org.gatehouse.recovery.internal.SupportAccess;
import org.gatehouse.recovery.internal.SupportSettings;
import org.gatehouse.recovery.internal.Ticket;
import org.gatehouse.recovery.internal.TicketLog;
import org.gatehouse.recovery.internal.TicketRepository;
import org.gatehouse.recovery.internal.TicketViews;
import org.gatehouse.shared.Actor;
import org.gatehouse.shared.Permission;
import org.gatehouse.shared.Problem;
import org.gatehouse.shared.ProblemException;
import org.gatehouse.system.GatehouseSettings;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An agent approves a ticket. Expedited (primary email and password proven): one approval and the
 * reset runs at once. Other-email track: the first approval comes with sufficient evidence; the
 * second, from a support lead who neither gave the first nor checked evidence, starts the waiting
 * period and sends every administrator and the primary email a notice with a cancel link.
 */
@Service
public class Approvals {

	static final String CANCEL = "support-cancel";

	private final TicketRepository tickets;
	private final TicketLog log;
	private final TicketViews views;
	private final RecoveryGuards guards;
	private final ResetExecution execution;
	private final OneTimeTokens tokens;
	private final ApplicationEventPublisher events;
	private final GatehouseSettings gatehouse;
	private final SupportSettings settings;
	private final Clock clock;

	Approvals(TicketRepository tickets, TicketLog log, TicketViews views, RecoveryGuards guards,
			ResetExecution execution, OneTimeTokens tokens, ApplicationEventPublisher events,
			GatehouseSettings gatehouse, SupportSettings settings, Clock clock) {
		this.tickets = tickets;
		this.log = log;
		this.views = views;
		this.guards = guards;
		this.execution = execution;
		this.tokens = tokens;
		this.events = events;
		this.gatehouse = gatehouse;
		this.settings = settings;
		this.clock = clock;
	}

	@Transactional
	public TicketView.Details approve(Actor actor, UUID id) {
		SupportAccess.require(actor, Permission.SUPPORT_AGENT);
		Ticket ticket = tickets.findForUpdate(id).orElseThrow(ProblemException::notFound);
		Instant now = clock.instant();
		actor.requireRecentStrongFactor(now);
		UUID agent = actor.userId().value();
		if (ticket.awaitsSecondApproval()) {
			SupportAccess.require(actor, Permission.SUPPORT_LEAD);
		}
		Ticket.Change change;
		try {
			change = ticket.approve(agent, tickets.evidence(id), now, settings.waitingPeriod());
		}
		catch (ProblemException ex) {
			// every refused approval leaves a trace (a wrong state, missing proofs, the same agent twice)
			log.refused(ticket, agent, AuditAction.SUPPORT_TICKET_APPROVED,
					ex.problem() == Problem.FORBIDDEN ? "same-agent" : ex.problem().slug());
			throw ex;
		}
		TicketLog.By by = TicketLog.By.agent(agent);
		log.changed(ticket, change, by, Map.of());
		if (change.to() == TicketState.WAITING_PERIOD) {
			notifyWaitingPeriod(ticket);
		}
		else if (change.to() == TicketState.READY) {
			execution.run(ticket, by);
		}
		return views.details(ticket);
	}

	private void notifyWaitingPeriod(Ticket ticket) {
		Organization org = guards.organization(ticket.organizationId);
		Duration lifetime = Duration.between(clock.instant(), ticket.waitingUntil).plusDays(1);
		List<SupportEvents.Notice> notices = guards.noticeRecipients(org).stream()
			.map(r -> new SupportEvents.Notice(r.getKey(), r.getValue(), gatehouse.link("/support/cancel",
					tokens.issue(org.id(), CANCEL, ticket.id, lifetime))))
			.toList();
		events.publishEvent(new SupportEvents.WaitingPeriodStarted(org.id(), org.name(), ticket.id, ticket.waitingUntil,
				notices));
	}

}
