/**
 * Sign-in: the password step, the second-factor step, server-side sessions for the console and
 * bearer tokens for the API, and the security filter chains that admit each request.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "attempts", "audit", "links", "mfa",
		"organization", "role", "shared", "system", "user", "web" })
package org.gatehouse.login;
