package org.gatehouse.recovery;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.gatehouse.shared.OrganizationId;

/**
 * The facts of support-assisted recovery that people are told about by email. Links are single-use
 * secrets: no record prints them.
 */
public final class SupportEvents {

	private SupportEvents() {
	}

	/** A request arrived; its sender is told so, and nothing about whether the organization exists. */
	public record RequestReceived(UUID ticketId, String contactEmail) {
	}

	/** The contact is the primary email of record: the link proves control of that mailbox. */
	public record EmailProofRequested(OrganizationId organizationId, String organizationName, String primaryEmail,
			UUID ticketId, String proofLink) {

		@Override
		public String toString() {
			return "EmailProofRequested[" + ticketId + "]";
		}

	}

	/**
	 * Refused because another administrator can disable the chief operator's MFA: the guidance goes
	 * to the organization's address of record.
	 */
	public record RecoveryRefused(OrganizationId organizationId, String organizationName, String primaryEmail,
			UUID ticketId) {
	}

	/**
	 * A request from the primary email was not opened because another recovery of the organization is
	 * already approved or proven: the address of record is told, with both references.
	 */
	public record RecoveryUnderWay(OrganizationId organizationId, String organizationName, String primaryEmail,
			UUID ticketId, UUID underWayTicketId) {
	}

	/** One recipient of a waiting-period notice, with their own single-use cancel link. */
	public record Notice(String email, String name, String cancelLink) {

		@Override
		public String toString() {
			return "Notice[" + email + "]";
		}

	}

	/** Two agents approved: the reset runs at {@code until} unless someone cancels it. */
	public record WaitingPeriodStarted(OrganizationId organizationId, String organizationName, UUID ticketId,
			Instant until, List<Notice> notices) {

		public WaitingPeriodStarted {
			notices = List.copyOf(notices);
		}

	}

	/** A pending recovery was cancelled; those who got the notice are told. */
	public record RecoveryCancelled(OrganizationId organizationId, String organizationName, UUID ticketId,
			List<String> recipients, String by) {

		public RecoveryCancelled {
			recipients = List.copyOf(recipients);
		}

	}

}
