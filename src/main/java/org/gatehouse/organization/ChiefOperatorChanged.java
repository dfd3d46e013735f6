package org.gatehouse.organization;

import org.gatehouse.shared.OrganizationId;
import org.gatehouse.shared.UserId;

/** The chief operator's title (and with it the primary email) moved to another administrator. */
public record ChiefOperatorChanged(OrganizationId organizationId, UserId previous, UserId next, String primaryEmail) {
}
