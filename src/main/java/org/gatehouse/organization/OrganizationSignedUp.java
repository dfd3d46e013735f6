package org.gatehouse.organization;

import org.gatehouse.shared.OrganizationId;
import org.gatehouse.shared.UserId;

/** A new organization exists; its primary email must be verified through the link. */
public record OrganizationSignedUp(OrganizationId organizationId, String name, UserId chiefOperatorId,
		String primaryEmail, String ownerName, String verificationLink) {

	@Override
	public String toString() {
		return "OrganizationSignedUp[" + organizationId + "]";
	}

}
