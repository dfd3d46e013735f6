package org.gatehouse.recovery;

import java.time.Clock;
import java.util.Map;

import org.gatehouse.audit.AuditAction;
import org.gatehouse.audit.AuditEntry;
import org.gatehouse.audit.AuditLog;
import org.gatehouse.links.OneTimeTokens;
import org.gatehouse.organization.Organization;
import org.gatehouse.recovery.internal.RecoveryGuards;
import org.gatehouse.recovery.internal.Ticket;
import org.gatehouse.recovery.internal.TicketLog;
import org.gatehouse.recovery.internal.TicketRepository;
import org.gatehouse.shared.Problem;
import org.gatehouse.shared.ProblemException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one-click cancel link of the waiting-period notice. It locks the ticket's row like the job
 * that runs due resets, so of the two exactly one acts: a cancellation that gets the row while the
 * reset has not run always wins, and the job then finds the ticket cancelled.
 */
@Service
public class Cancellation {

	private final OneTimeTokens tokens;
	private final TicketRepository tickets;
	private final TicketLog log;
	private final RecoveryGuards guards;
	private final AuditLog audit;
	private final ApplicationEventPublisher events;
	private final Clock clock;

	Cancellation(OneTimeTokens tokens, TicketRepository tickets, TicketLog log, RecoveryGuards guards, AuditLog audit,
			ApplicationEventPublisher events, Clock clock) {
		this.tokens = tokens;
		this.tickets = tickets;
		this.log = log;
		this.guards = guards;
		this.audit = audit;
		this.events = events;
		this.clock = clock;
	}

	/** Cancels the pending reset; 410 for a used or unknown link, 409 when the reset already ran. */
	@Transactional
	public void cancel(String token) {
		OneTimeTokens.Redeemed redeemed = tokens.redeem(token, Approvals.CANCEL);
		Ticket ticket = tickets.findForUpdate(redeemed.subjectId())
			.filter(t -> redeemed.organizationId().equals(t.organizationId))
			.orElseThrow(() -> new ProblemException(Problem.GONE, "This link has expired or was already used."));
		if (ticket.state.terminal()) {
			throw new ProblemException(Problem.CONFLICT, "This recovery is already " + ticket.state + ".");
		}
		log.changed(ticket, ticket.cancel("cancelled from the notice", clock.instant()), TicketLog.By.REQUESTER,
				Map.of("via", "notice link"));
		tokens.revokeAll(ticket.organizationId, Approvals.CANCEL, ticket.id);
		audit.record(new AuditEntry(ticket.organizationId, AuditEntry.ActorType.ANONYMOUS, null,
				AuditAction.SUPPORT_RECOVERY_CANCELLED, ticket.chiefOperatorId == null ? null : ticket.chiefOperatorId.value(),
				AuditEntry.Outcome.SUCCESS, Map.of("ticket", ticket.id.toString(), "via", "notice link")));
		announce(ticket, "someone with the notice's link");
	}

	/** Those who got the waiting-period notice learn that the reset will not run. */
	void announce(Ticket ticket, String by) {
		Organization org = guards.organization(ticket.organizationId);
		events.publishEvent(new SupportEvents.RecoveryCancelled(org.id(), org.name(), ticket.id,
				guards.noticeRecipients(org).stream().map(Map.Entry::getKey).toList(), by));
	}

}
