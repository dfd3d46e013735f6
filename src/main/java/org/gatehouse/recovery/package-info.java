/**
 * Support-assisted recovery (S6): a locked-out chief operator with no other administrator asks the
 * vendor's support desk for an MFA reset. Intake (the public form, the API and inbound email),
 * tickets with their two tracks (primary-email proof, or identity evidence with two agents and a
 * waiting period), the scheduled execution of due resets, the support agents of the platform
 * organization and their console.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "attempts", "audit", "help", "links", "mfa",
		"operations", "organization", "shared", "system", "user", "web" })
package org.gatehouse.recovery;
