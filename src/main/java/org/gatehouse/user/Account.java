package org.gatehouse.user;

import java.time.Instant;

import org.gatehouse.shared.OrganizationId;
import org.gatehouse.shared.RoleId;
import org.gatehouse.shared.UserId;

/**
 * A user as other modules see it, without the password hash. {@code securityEpoch} changes
 * whenever every session and token of the user must end.
 */
public record Account(OrganizationId organizationId, UserId id, String email, String name, UserKind kind,
		RoleId roleId, UserStatus status, int securityEpoch, int authenticators, boolean backupDevice,
		int recoveryCodesLeft, Instant mfaExemptUntil, boolean emailVerified) {

	public boolean canSignIn() {
		return status == UserStatus.ACTIVE;
	}

	/** Whether an administrator's time-boxed exemption from the role's MFA requirement is running. */
	public boolean exemptFromMfaAt(Instant now) {
		return mfaExemptUntil != null && now.isBefore(mfaExemptUntil);
	}

}
