package org.gatehouse.recovery.internal;

import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.gatehouse.audit.AuditAction;
import org.gatehouse.audit.AuditEntry;
import org.gatehouse.audit.AuditLog;
import org.gatehouse.recovery.TicketState;
import org.gatehouse.shared.OrganizationId;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Saves a ticket after a state change and writes the change twice, in the same transaction: as a
 * step of the ticket's timeline and as an event of the platform's audit trail
 * ({@code support.ticket_<state>}).
 */
@Component
public class TicketLog {

	private final TicketRepository tickets;
	private final AuditLog audit;
	private final SupportMetrics metrics;
	private final Clock clock;

	TicketLog(TicketRepository tickets, AuditLog audit, SupportMetrics metrics, Clock clock) {
		this.tickets = tickets;
		this.audit = audit;
		this.metrics = metrics;
		this.clock = clock;
	}

	/** Who caused a change: an agent, the requester (anonymous), or the scheduled job (system). */
	public record By(AuditEntry.ActorType type, UUID id) {

		public static final By REQUESTER = new By(AuditEntry.ActorType.ANONYMOUS, null);
		public static final By SYSTEM = new By(AuditEntry.ActorType.SYSTEM, null);

		public static By agent(UUID id) {
			return new By(AuditEntry.ActorType.SUPPORT_AGENT, id);
		}

	}

	@Transactional(propagation = Propagation.MANDATORY)
	public void changed(Ticket ticket, Ticket.Change change, By by, Map<String, String> extra) {
		tickets.update(ticket);
		step(ticket, change, by, extra);
	}

	/** Writes the step without saving the ticket (for a ticket just inserted). */
	@Transactional(propagation = Propagation.MANDATORY)
	void step(Ticket ticket, Ticket.Change change, By by, Map<String, String> extra) {
		tickets.addStep(ticket.id, change, clock.instant(), by.type().name(), by.id());
		Map<String, String> details = new TreeMap<>(extra);
		details.put("from", change.from() == null ? "" : change.from().name());
		details.put("to", change.to().name());
		details.put("channel", ticket.channel.name());
		if (ticket.track != null) {
			details.put("track", ticket.track.name());
		}
		if (ticket.organizationId != null) {
			details.put("organization", ticket.organizationId.toString());
		}
		if (change.reason() != null) {
			details.put("reason", change.reason());
		}
		audit.record(new AuditEntry(OrganizationId.PLATFORM, by.type(), by.id(),
				reached(change.to()), ticket.id, AuditEntry.Outcome.SUCCESS,
				details));
		if (change.to().terminal()) {
			metrics.resolved(ticket, clock.instant());
		}
	}

	@Transactional(propagation = Propagation.MANDATORY)
	public void evidence(Ticket ticket, Evidence evidence) {
		audit.record(new AuditEntry(OrganizationId.PLATFORM, AuditEntry.ActorType.SUPPORT_AGENT, evidence.checkedBy(),
				AuditAction.SUPPORT_EVIDENCE_RECORDED, ticket.id, AuditEntry.Outcome.SUCCESS,
				Map.of("item", evidence.item().name(), "knowledge", Boolean.toString(evidence.item().knowledge()))));
	}

	/** A refused agent action on a ticket, committed although the action changes nothing. */
	public void refused(Ticket ticket, UUID agent, AuditAction action, String refusal) {
		audit.recordRefusal(new AuditEntry(OrganizationId.PLATFORM, AuditEntry.ActorType.SUPPORT_AGENT, agent,
				action, ticket.id, AuditEntry.Outcome.REFUSED, Map.of("refusal", refusal,
						"state", ticket.state.name())));
	}

	/** The audit action that records a ticket reaching a state. */
	static AuditAction reached(TicketState state) {
		return switch (state) {
			case OPEN -> AuditAction.SUPPORT_TICKET_OPEN;
			case AWAITING_EMAIL_PROOF -> AuditAction.SUPPORT_TICKET_AWAITING_EMAIL_PROOF;
			case AWAITING_EVIDENCE -> AuditAction.SUPPORT_TICKET_AWAITING_EVIDENCE;
			case AWAITING_APPROVAL -> AuditAction.SUPPORT_TICKET_AWAITING_APPROVAL;
			case WAITING_PERIOD -> AuditAction.SUPPORT_TICKET_WAITING_PERIOD;
			case READY -> AuditAction.SUPPORT_TICKET_READY;
			case EXECUTED -> AuditAction.SUPPORT_TICKET_EXECUTED;
			case CANCELLED -> AuditAction.SUPPORT_TICKET_CANCELLED;
			case REJECTED -> AuditAction.SUPPORT_TICKET_REJECTED;
			case EXPIRED -> AuditAction.SUPPORT_TICKET_EXPIRED;
		};
	}

}
