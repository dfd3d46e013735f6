package org.gatehouse.recovery.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import org.gatehouse.audit.AuditEntry;
import org.gatehouse.mfa.Authenticators;
import org.gatehouse.mfa.MfaEvents;
import org.gatehouse.organization.Organization;
import org.gatehouse.recovery.SupportEvents;
import org.gatehouse.recovery.TicketState;
import org.gatehouse.system.FaultInjection;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Runs the reset of a READY ticket, whose row the caller holds locked: S1 on the chief operator
 * (authenticators and recovery codes gone, sessions and tokens ended, audited in the organization's
 * trail naming every agent involved, emailed), and the ticket EXECUTED, in one transaction. The
 * guards are checked once more first: if another administrator appeared meanwhile, the ticket is
 * rejected instead. A ticket that is not READY is refused by the aggregate, so it never runs twice.
 */
@Component
public class ResetExecution {

	static final String REASON = "support-assisted recovery";

	private final TicketRepository tickets;
	private final TicketLog log;
	private final RecoveryGuards guards;
	private final Authenticators authenticators;
	private final ApplicationEventPublisher events;
	private final FaultInjection faults;
	private final Clock clock;

	ResetExecution(TicketRepository tickets, TicketLog log, RecoveryGuards guards, Authenticators authenticators,
			ApplicationEventPublisher events, FaultInjection faults, Clock clock) {
		this.tickets = tickets;
		this.log = log;
		this.guards = guards;
		this.authenticators = authenticators;
		this.events = events;
		this.faults = faults;
		this.clock = clock;
	}

	@Transactional(propagation = Propagation.MANDATORY)
	public void run(Ticket ticket, TicketLog.By by) {
		ticket.requireState(TicketState.READY);
		Instant now = clock.instant();
		Organization org = guards.organization(ticket.organizationId);
		String objection = guards.objection(org, ticket.chiefOperatorId);
		if (objection != null) {
			log.changed(ticket, ticket.reject(objection, now), by, Map.of());
			if (RecoveryGuards.ANOTHER_ADMINISTRATOR.equals(objection)) {
				events.publishEvent(new SupportEvents.RecoveryRefused(org.id(), org.name(), org.primaryEmail(), ticket.id));
			}
			return;
		}
		faults.point("recovery.reset.after-ready");
		Ticket.Change change = ticket.executed(now);
		Map<String, String> details = agents(ticket, by);
		authenticators.reset(org.id(), ticket.chiefOperatorId, MfaEvents.By.SUPPORT, ticket.approvedBy,
				AuditEntry.ActorType.SUPPORT_AGENT, REASON + " (ticket " + ticket.id + ")", details);
		log.changed(ticket, change, by, details);
		faults.point("recovery.reset.before-commit");
		faults.pointAfterCommit("recovery.reset.after-commit");
	}

	/** Every agent involved, by role in the ticket, for both audit trails. */
	private Map<String, String> agents(Ticket ticket, TicketLog.By by) {
		Set<UUID> everyone = new LinkedHashSet<>();
		Map<String, String> details = new TreeMap<>();
		details.put("ticket", ticket.id.toString());
		details.put("track", ticket.track.name());
		details.put("approvedBy", String.valueOf(ticket.approvedBy));
		everyone.add(ticket.approvedBy);
		if (ticket.firstApprovedBy != null) {
			details.put("firstApprovedBy", ticket.firstApprovedBy.toString());
			everyone.add(ticket.firstApprovedBy);
		}
		Set<UUID> checkers = tickets.evidence(ticket.id).stream().map(Evidence::checkedBy)
			.collect(Collectors.toCollection(LinkedHashSet::new));
		if (!checkers.isEmpty()) {
			details.put("evidenceCheckedBy", join(checkers));
			everyone.addAll(checkers);
		}
		details.put("executedBy", by.id() == null ? "scheduler" : by.id().toString());
		if (by.id() != null) {
			everyone.add(by.id());
		}
		details.put("agents", join(everyone));
		return details;
	}

	private static String join(Set<UUID> ids) {
		return ids.stream().map(UUID::toString).collect(Collectors.joining(","));
	}

}
