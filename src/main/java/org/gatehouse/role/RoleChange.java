package org.gatehouse.role;

import java.util.Set;

import org.gatehouse.shared.Permission;

/** A partial edit of a role: null fields stay as they are. */
public record RoleChange(String name, Set<Permission> permissions, Boolean requireMfa, String reason) {
}
