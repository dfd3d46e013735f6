/**
 * Organizations: sign-up with the chief operator, the verified primary email, and the
 * organization's identity (name, slug).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "audit", "links", "role", "shared",
		"system", "user", "web" })
package org.gatehouse.organization;
