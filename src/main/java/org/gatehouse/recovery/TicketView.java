package org.gatehouse.recovery;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What agents see of tickets. Built only from the ticket, its evidence and timeline and the public
 * facts of the organization: never a password hash, secret, token or link.
 */
public final class TicketView {

	private TicketView() {
	}

	/** A line of the queue, with its SLA clock. */
	public record Summary(UUID id, String organization, UUID organizationId, String contactEmail, Channel channel,
			Track track, TicketState state, Instant createdAt, Instant slaDueAt, boolean slaBreached, String slaClock,
			Instant waitingUntil, String reason) {
	}

	/** The organization as far as identity checks need it. */
	public record Organization(UUID id, String slug, String name, Instant signedUpAt, String primaryEmail,
			boolean primaryEmailVerified, UUID chiefOperatorId, String chiefOperatorName, String chiefOperatorEmail,
			int chiefOperatorAuthenticators) {
	}

	public record EvidenceEntry(EvidenceItem item, String label, boolean knowledge, UUID checkedBy,
			String checkedByName, Instant checkedAt, String note) {
	}

	public record Step(int seq, TicketState from, TicketState to, Instant at, String actorType, UUID actorId,
			String actorName, String reason) {
	}

	public record Details(Summary summary, String message, String authenticationResults, Organization organization,
			Instant proofSentAt, Instant emailProvenAt, Instant passwordProvenAt, UUID firstApprovedBy,
			Instant firstApprovedAt, UUID approvedBy, Instant approvedAt, Instant executedAt, Instant cancelledAt,
			List<EvidenceEntry> evidence, List<Step> timeline) {
	}

}
