/**
 * Roles: a name, a set of permissions and whether the role requires MFA. Guards the permission
 * ceiling and, through {@link org.gatehouse.role.RoleMembers}, the last administrator.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "audit", "shared", "system", "web" })
package org.gatehouse.role;
