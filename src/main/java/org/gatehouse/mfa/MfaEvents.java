package org.gatehouse.mfa;

import java.time.Instant;

import org.gatehouse.shared.OrganizationId;
import org.gatehouse.shared.UserId;

/** The facts the MFA module publishes. None carries a secret. */
public final class MfaEvents {

	private MfaEvents() {
	}

	/** Who did it: the user themself, an administrator, support, or the system. */
	public enum By { SELF, ADMINISTRATOR, SUPPORT, SYSTEM }

	/** {@code reportLink} lets the owner say "this was not me"; it is a single-use link. */
	public record AuthenticatorAdded(OrganizationId organizationId, UserId userId, String label, Instant at,
			boolean replacedOthers, String reportLink) {

		@Override
		public String toString() {
			return "AuthenticatorAdded[" + organizationId + ", " + userId + "]";
		}

	}

	public record EnrollmentReported(OrganizationId organizationId, UserId userId, String label, Instant at) {
	}

	public record AuthenticatorRemoved(OrganizationId organizationId, UserId userId, String label, Instant at) {
	}

	public record RecoveryCodesGenerated(OrganizationId organizationId, UserId userId, Instant at) {
	}

	public record RecoveryCodeUsed(OrganizationId organizationId, UserId userId, int left, Instant at) {
	}

	public record SecondFactorSuspended(OrganizationId organizationId, UserId userId, int failures, Instant at) {
	}

	public record MfaReset(OrganizationId organizationId, UserId userId, By by, UserId actorId, String reason,
			Instant at) {
	}

}
