package org.gatehouse.recovery.internal;

import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.gatehouse.audit.AuditEntry;
import org.gatehouse.audit.AuditLog;
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
				"support.ticket_" + change.to().name().toLowerCase(Locale.ROOT), ticket.id, AuditEntry.Outcome.SUCCESS,
				details));
		if (change.to().terminal()) {
			metrics.resolved(ticket, clock.instant());
		}
	}

	@Transactional(propagation = Propagation.MANDATORY)
	public void evidence(Ticket ticket, Evidence evidence) {
		audit.record(new AuditEntry(OrganizationId.PLATFORM, AuditEntry.ActorType.SUPPORT_AGENT, evidence.checkedBy(),
				"support.evidence_recorded", ticket.id, AuditEntry.Outcome.SUCCESS,
				Map.of("item", evidence.item().name(), "knowledge", Boolean.toString(evidence.item().knowledge()))));
	}

	/** A refused agent action on a ticket, committed although the action changes nothing. */
	public void refused(Ticket ticket, UUID agent, String action, String refusal) {
		audit.recordRefusal(new AuditEntry(OrganizationId.PLATFORM, AuditEntry.ActorType.SUPPORT_AGENT, agent,
				"support." + action, ticket.id, AuditEntry.Outcome.REFUSED, Map.of("refusal", refusal,
						"state", ticket.state.name())));
	}

}
