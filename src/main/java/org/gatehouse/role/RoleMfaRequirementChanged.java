package org.gatehouse.role;

import org.gatehouse.shared.OrganizationId;
import org.gatehouse.shared.RoleId;
import org.gatehouse.shared.UserId;

/** A role's "Require MFA" switch was turned on or off. */
public record RoleMfaRequirementChanged(OrganizationId organizationId, RoleId roleId, String roleName,
		boolean requireMfa, UserId actorId, String reason) {
}
