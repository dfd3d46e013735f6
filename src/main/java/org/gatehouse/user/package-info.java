/**
 * Users of an organization: employees, vendors and client users, their role, status and
 * password; invitations; the user list an administrator searches.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "audit", "links", "role", "shared", "system",
		"web" })
package org.gatehouse.user;
