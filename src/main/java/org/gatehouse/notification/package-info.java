/**
 * Email: a transactional outbox written in the transaction of the change it announces, and a
 * dispatcher that delivers each message over SMTP (or to the local mailbox of the embedded
 * default), retrying until it is delivered.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "mfa", "organization", "recovery",
		"role", "shared", "system", "user" })
package org.gatehouse.notification;
