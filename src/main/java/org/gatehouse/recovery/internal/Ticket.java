package org.gatehouse.recovery.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.UUID;

import org.gatehouse.recovery.Channel;
import org.gatehouse.recovery.EvidenceItem;
import org.gatehouse.recovery.TicketState;
import org.gatehouse.recovery.Track;
import org.gatehouse.shared.OrganizationId;
import org.gatehouse.shared.Problem;
import org.gatehouse.shared.ProblemException;
import org.gatehouse.shared.UserId;

/**
 * A recovery ticket, the aggregate that guards every state change: each method checks the state it
 * starts from and refuses (409) a transition {@link TicketState} does not allow. The repository is
 * the only other code that writes its fields, when it loads a ticket.
 */
public final class Ticket {

	/** One state change, for the timeline and the audit trail. */
	public record Change(TicketState from, TicketState to, String reason) {
	}

	public UUID id;
	Channel channel;
	String organizationTyped;
	String contactEmail;
	String message;
	String authenticationResults;
	Instant createdAt;
	Instant routedAt;
	public OrganizationId organizationId;
	public UserId chiefOperatorId;
	Track track;
	public TicketState state;
	Instant updatedAt;
	Instant proofSentAt;
	Instant emailProvenAt;
	Instant passwordProvenAt;
	UUID firstApprovedBy;
	Instant firstApprovedAt;
	UUID approvedBy;
	Instant approvedAt;
	public Instant waitingUntil;
	Instant executedAt;
	Instant cancelledAt;
	Instant closedAt;
	String reason;

	static Ticket received(Channel channel, String organizationTyped, String contactEmail, String message,
			String authenticationResults, Instant now) {
		Ticket ticket = new Ticket();
		ticket.id = UUID.randomUUID();
		ticket.channel = channel;
		ticket.organizationTyped = organizationTyped;
		ticket.contactEmail = contactEmail;
		ticket.message = message;
		ticket.authenticationResults = authenticationResults;
		ticket.createdAt = now;
		ticket.updatedAt = now;
		ticket.state = TicketState.OPEN;
		return ticket;
	}

	/** The request was looked at; an unknown organization leaves the ticket OPEN, and nothing else happens. */
	void routed(Instant now) {
		requireState(TicketState.OPEN);
		this.routedAt = now;
	}

	/** The organization and its chief operator are known; the ticket takes its track. */
	Change route(OrganizationId organization, UserId chiefOperator, Track track, Instant now) {
		requireState(TicketState.OPEN);
		this.organizationId = organization;
		this.chiefOperatorId = chiefOperator;
		this.track = track;
		return moveTo(track.expedited() ? TicketState.AWAITING_EMAIL_PROOF : TicketState.AWAITING_EVIDENCE, now, null);
	}

	/** Refused before it took a track, e.g. because another administrator can help. */
	Change refuse(OrganizationId organization, String why, Instant now) {
		this.organizationId = organization;
		return reject(why, now);
	}

	void proofSent(Instant now) {
		requireState(TicketState.AWAITING_EMAIL_PROOF);
		this.proofSentAt = now;
	}

	/**
	 * The proof link was followed: the mailbox is proven. With the password too, the ticket awaits
	 * one agent's approval; without it, it moves to the other track.
	 */
	public Change proven(boolean password, Instant now) {
		requireState(TicketState.AWAITING_EMAIL_PROOF);
		this.emailProvenAt = now;
		if (password) {
			this.passwordProvenAt = now;
			return moveTo(TicketState.AWAITING_APPROVAL, now, null);
		}
		this.track = Track.OTHER_EMAIL;
		return moveTo(TicketState.AWAITING_EVIDENCE, now, "password not proven");
	}

	/** Whether the next approval is the second one of the other-email track (a support lead's). */
	public boolean awaitsSecondApproval() {
		return state == TicketState.AWAITING_APPROVAL && track == Track.OTHER_EMAIL;
	}

	/**
	 * An agent's approval. On the other-email track the first comes with sufficient evidence, the
	 * second from another agent (never the first approver, never one who checked evidence) and starts
	 * the waiting period; on the expedited track one approval of a fully proven ticket makes it ready.
	 */
	public Change approve(UUID agent, Collection<Evidence> evidence, Instant now, Duration waitingPeriod) {
		if (state == TicketState.AWAITING_EVIDENCE) {
			EvidenceItem.requireSufficient(evidence.stream().map(Evidence::item).toList());
			this.firstApprovedBy = agent;
			this.firstApprovedAt = now;
			return moveTo(TicketState.AWAITING_APPROVAL, now, null);
		}
		requireState(TicketState.AWAITING_APPROVAL);
		if (track == Track.PRIMARY_EMAIL) {
			if (emailProvenAt == null || passwordProvenAt == null) {
				throw new ProblemException(Problem.CONFLICT, "The mailbox and the password are not both proven.");
			}
			return approved(agent, now, TicketState.READY);
		}
		if (agent.equals(firstApprovedBy) || evidence.stream().anyMatch(e -> e.checkedBy().equals(agent))) {
			throw new ProblemException(Problem.FORBIDDEN, "A second agent must approve: you gave the first approval "
					+ "or checked evidence on this ticket.");
		}
		this.waitingUntil = now.plus(waitingPeriod);
		return approved(agent, now, TicketState.WAITING_PERIOD);
	}

	private Change approved(UUID agent, Instant now, TicketState next) {
		this.approvedBy = agent;
		this.approvedAt = now;
		return moveTo(next, now, null);
	}

	/** Whether the waiting period is over (and nothing cancelled it). */
	boolean due(Instant now) {
		return state == TicketState.WAITING_PERIOD && !waitingUntil.isAfter(now);
	}

	public Change ready(Instant now) {
		if (state == TicketState.WAITING_PERIOD && !due(now)) {
			throw new ProblemException(Problem.CONFLICT, "The waiting period runs until " + waitingUntil + ".");
		}
		return moveTo(TicketState.READY, now, null);
	}

	Change executed(Instant now) {
		Change change = moveTo(TicketState.EXECUTED, now, null);
		this.executedAt = now;
		return change;
	}

	public Change cancel(String why, Instant now) {
		Change change = moveTo(TicketState.CANCELLED, now, why);
		this.cancelledAt = now;
		return change;
	}

	public Change reject(String why, Instant now) {
		return moveTo(TicketState.REJECTED, now, why);
	}

	Change expire(Instant now) {
		return moveTo(TicketState.EXPIRED, now, "no progress in time");
	}

	/**
	 * Whether a ticket proven from the primary email may close this one: nothing about it is proven
	 * beyond what an agent may still refuse (a ticket awaiting email proof or evidence, or the first
	 * approval of the other-email track). Once the second approval started the waiting period, or one
	 * approval awaits a fully proven primary-email ticket, a recovery is under way.
	 */
	public boolean supersedable() {
		return state == TicketState.AWAITING_EMAIL_PROOF || state == TicketState.AWAITING_EVIDENCE
				|| state == TicketState.AWAITING_APPROVAL && track == Track.OTHER_EMAIL;
	}

	/** Closed because a request proven from the primary email takes its place. */
	public Change supersede(UUID by, Instant now) {
		if (!supersedable()) {
			throw new ProblemException(Problem.CONFLICT, "The ticket is " + state + "; it cannot be superseded.");
		}
		return cancel("superseded by ticket " + by + ", proven from the primary email", now);
	}

	/**
	 * The organization whose one open recovery this is, or null. A closed ticket holds none, and neither
	 * does one awaiting its email proof: anyone can file a request naming an organization, so an
	 * unproven request must not stand in the way of the chief operator's own. The proof takes the place.
	 */
	OrganizationId openOrganization() {
		return state.terminal() || state == TicketState.AWAITING_EMAIL_PROOF ? null : organizationId;
	}

	private Change moveTo(TicketState next, Instant now, String why) {
		if (!state.canMoveTo(next)) {
			throw new ProblemException(Problem.CONFLICT, "The ticket is " + state + "; it cannot become " + next + ".");
		}
		TicketState from = state;
		this.state = next;
		this.updatedAt = now;
		if (why != null) {
			this.reason = why;
		}
		if (next.terminal()) {
			this.closedAt = now;
		}
		return new Change(from, next, why);
	}

	void requireState(TicketState expected) {
		if (state != expected) {
			throw new ProblemException(Problem.CONFLICT, "The ticket is " + state + ", not " + expected + ".");
		}
	}

}
