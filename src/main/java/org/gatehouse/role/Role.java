package org.gatehouse.role;

import java.util.Set;

import org.gatehouse.shared.OrganizationId;
import org.gatehouse.shared.Permission;
import org.gatehouse.shared.RoleId;

/** A role as others see it. */
public record Role(OrganizationId organizationId, RoleId id, String name, Set<Permission> permissions,
		boolean requireMfa, boolean builtIn) {

	public Role {
		permissions = Set.copyOf(permissions);
	}

	public boolean grants(Permission permission) {
		return permissions.contains(permission);
	}

}
