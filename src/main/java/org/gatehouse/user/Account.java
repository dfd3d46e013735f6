package org.gatehouse.user;

import org.gatehouse.shared.OrganizationId;
import org.gatehouse.shared.RoleId;
import org.gatehouse.shared.UserId;

/**
 * A user as other modules see it, without the password hash. {@code securityEpoch} changes
 * whenever every session and token of the user must end.
 */
public record Account(OrganizationId organizationId, UserId id, String email, String name, UserKind kind,
		RoleId roleId, UserStatus status, int securityEpoch, int authenticators, boolean backupDevice,
		int recoveryCodesLeft) {

	public boolean canSignIn() {
		return status == UserStatus.ACTIVE;
	}

}
