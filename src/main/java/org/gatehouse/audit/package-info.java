/**
 * The audit trail: one event per privileged action, written in the transaction of the change,
 * append-only and hash-chained per organization so that tampering shows.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared", "system" })
package org.gatehouse.audit;
