package org.gatehouse.role;

import java.util.Collection;

import org.gatehouse.shared.OrganizationId;
import org.gatehouse.shared.RoleId;
import org.gatehouse.shared.UserId;

/**
 * What the role module needs to know about the members of roles; the user module provides it.
 */
public interface RoleMembers {

	/** Active users who can sign in, holding one of the roles, leaving out {@code except} (may be null). */
	long countActive(OrganizationId organizationId, Collection<RoleId> roles, UserId except);

	/** Members of the role, for the impact of a change: all of them, and those with no authenticator. */
	MemberCounts counts(OrganizationId organizationId, RoleId role);

	record MemberCounts(long members, long withoutAuthenticator) {
	}

}
