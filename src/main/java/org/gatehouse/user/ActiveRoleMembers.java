package org.gatehouse.user;

import java.util.Collection;

import org.gatehouse.role.RoleMembers;
import org.gatehouse.shared.OrganizationId;
import org.gatehouse.shared.RoleId;
import org.gatehouse.shared.UserId;
import org.springframework.stereotype.Component;

@Component
class ActiveRoleMembers implements RoleMembers {

	private final UserRepository users;

	ActiveRoleMembers(UserRepository users) {
		this.users = users;
	}

	@Override
	public long countActive(OrganizationId organizationId, Collection<RoleId> roles, UserId except) {
		return users.countActive(organizationId, roles, except);
	}

	@Override
	public MemberCounts counts(OrganizationId organizationId, RoleId role) {
		long[] counts = users.memberCounts(organizationId, role);
		return new MemberCounts(counts[0], counts[1]);
	}

}
