/**
 * The second factor: TOTP authenticators (several per user, so a backup device works), recovery
 * codes, the shared failure budget, and the administrator's reset.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "audit", "hashing", "links",
		"operations", "organization", "role", "shared", "system", "user", "web" })
package org.gatehouse.mfa;
