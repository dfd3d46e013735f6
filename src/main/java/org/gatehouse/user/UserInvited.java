package org.gatehouse.user;

import org.gatehouse.shared.OrganizationId;
import org.gatehouse.shared.UserId;

/** A user was created and must set a password through the single-use link. */
public record UserInvited(OrganizationId organizationId, UserId userId, String email, String name,
		String invitationLink) {

	@Override
	public String toString() {
		return "UserInvited[" + organizationId + ", " + userId + "]";
	}

}
