package org.gatehouse.user;

import org.gatehouse.shared.OrganizationId;
import org.gatehouse.shared.UserId;

/** A user was disabled, enabled or moved to another role by an administrator. */
public record UserAccessChanged(OrganizationId organizationId, UserId userId, String change, UserId actorId,
		String detail) {
}
