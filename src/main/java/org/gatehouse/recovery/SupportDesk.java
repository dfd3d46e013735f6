package org.gatehouse.recovery;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.gatehouse.recovery.internal.Evidence;
import org.gatehouse.recovery.internal.ResetExecution;
import org.gatehouse.recovery.internal.SupportAccess;
import org.gatehouse.recovery.internal.Ticket;
import org.gatehouse.recovery.internal.TicketLog;
import org.gatehouse.recovery.internal.TicketRepository;
import org.gatehouse.recovery.internal.TicketViews;
import org.gatehouse.shared.Actor;
import org.gatehouse.shared.Permission;
import org.gatehouse.shared.Problem;
import org.gatehouse.shared.ProblemException;
import org.gatehouse.shared.Text;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The agents' use cases on tickets, apart from approval: the queue, a ticket, evidence, rejecting,
 * cancelling and running a due reset. Every one needs support.agent in the platform organization;
 * agents see every ticket, and an id that does not exist answers 404.
 */
@Service
public class SupportDesk {

	private final TicketRepository tickets;
	private final TicketLog log;
	private final TicketViews views;
	private final ResetExecution execution;
	private final Cancellation cancellation;
	private final Clock clock;

	SupportDesk(TicketRepository tickets, TicketLog log, TicketViews views, ResetExecution execution,
			Cancellation cancellation, Clock clock) {
		this.tickets = tickets;
		this.log = log;
		this.views = views;
		this.execution = execution;
		this.cancellation = cancellation;
		this.clock = clock;
	}

	/** The queue: {@code open} (soonest SLA first), {@code closed}, or {@code all}. */
	@Transactional(readOnly = true)
	public List<TicketView.Summary> queue(Actor actor, String which) {
		SupportAccess.require(actor, Permission.SUPPORT_AGENT);
		List<TicketState> states = switch (which == null ? "open" : which) {
			case "open" -> Arrays.stream(TicketState.values()).filter(s -> !s.terminal()).toList();
			case "closed" -> Arrays.stream(TicketState.values()).filter(TicketState::terminal).toList();
			case "all" -> List.of();
			default -> throw ProblemException.invalid("Show open, closed or all tickets.");
		};
		return tickets.list(states, 500).stream().map(views::summary)
			.sorted(Comparator.comparing(TicketView.Summary::slaDueAt, Comparator.nullsLast(Comparator.naturalOrder()))
				.thenComparing(TicketView.Summary::createdAt, Comparator.reverseOrder()))
			.toList();
	}

	/** The evidence checklist, in the order agents work through it. */
	public List<EvidenceItem> checklist(Actor actor) {
		SupportAccess.require(actor, Permission.SUPPORT_AGENT);
		return List.of(EvidenceItem.values());
	}

	@Transactional(readOnly = true)
	public TicketView.Details get(Actor actor, UUID id) {
		SupportAccess.require(actor, Permission.SUPPORT_AGENT);
		return views.details(tickets.find(id).orElseThrow(ProblemException::notFound));
	}

	/** Records one checklist item the agent checked, with a note; only while the ticket awaits evidence. */
	@Transactional
	public TicketView.Details recordEvidence(Actor actor, UUID id, EvidenceItem item, String note) {
		SupportAccess.require(actor, Permission.SUPPORT_AGENT);
		String cleanNote = Text.clean(note, 1000, "The note");
		if (item == null) {
			throw ProblemException.invalid("Choose an item of the checklist.");
		}
		Ticket ticket = tickets.findForUpdate(id).orElseThrow(ProblemException::notFound);
		if (ticket.state != TicketState.AWAITING_EVIDENCE) {
			throw new ProblemException(Problem.CONFLICT, "Evidence is recorded while the ticket awaits evidence; it is "
					+ ticket.state + ".");
		}
		if (tickets.evidence(id).stream().anyMatch(e -> e.item() == item)) {
			throw new ProblemException(Problem.CONFLICT, "This item is already recorded on the ticket.");
		}
		Evidence evidence = new Evidence(UUID.randomUUID(), item, actor.userId().value(), clock.instant(), cleanNote);
		tickets.addEvidence(id, evidence);
		log.evidence(ticket, evidence);
		return views.details(ticket);
	}

	@Transactional
	public TicketView.Details reject(Actor actor, UUID id, String reason) {
		SupportAccess.require(actor, Permission.SUPPORT_AGENT);
		String why = Text.clean(reason, 500, "The reason");
		Ticket ticket = tickets.findForUpdate(id).orElseThrow(ProblemException::notFound);
		boolean announced = announced(ticket);
		log.changed(ticket, ticket.reject(why, clock.instant()), TicketLog.By.agent(actor.userId().value()), Map.of());
		if (announced) {
			cancellation.announce(ticket, "our support team");
		}
		return views.details(ticket);
	}

	@Transactional
	public TicketView.Details cancel(Actor actor, UUID id, String reason) {
		SupportAccess.require(actor, Permission.SUPPORT_AGENT);
		String why = Text.clean(reason, 500, "The reason");
		Ticket ticket = tickets.findForUpdate(id).orElseThrow(ProblemException::notFound);
		boolean announced = announced(ticket);
		log.changed(ticket, ticket.cancel(why, clock.instant()), TicketLog.By.agent(actor.userId().value()), Map.of());
		if (announced) {
			cancellation.announce(ticket, "our support team");
		}
		return views.details(ticket);
	}

	/** Whether the organization got the waiting-period notice, and so must hear that the reset will not run. */
	private static boolean announced(Ticket ticket) {
		return ticket.state == TicketState.WAITING_PERIOD || ticket.state == TicketState.READY;
	}

	/**
	 * Runs the reset of a READY ticket, or of one whose waiting period is over, without waiting for
	 * the scheduled job. Anything else (executed already, cancelled, still waiting) answers 409.
	 */
	@Transactional
	public TicketView.Details execute(Actor actor, UUID id) {
		SupportAccess.require(actor, Permission.SUPPORT_AGENT);
		Ticket ticket = tickets.findForUpdate(id).orElseThrow(ProblemException::notFound);
		TicketLog.By by = TicketLog.By.agent(actor.userId().value());
		Instant now = clock.instant();
		if (ticket.state == TicketState.WAITING_PERIOD) {
			log.changed(ticket, ticket.ready(now), by, Map.of());
		}
		execution.run(ticket, by);
		return views.details(ticket);
	}

}
