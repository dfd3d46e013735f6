/**
 * Attempt counting for the throttles: how many attempts a key made, counted in database rows that
 * every node shares, with the insert race of a key's first attempts handled in one place. The
 * policies (limits, windows, waits) stay with the throttles that use it.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "system" })
package org.gatehouse.attempts;
