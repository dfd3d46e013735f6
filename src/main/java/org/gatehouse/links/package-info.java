/**
 * Single-use links bound to a purpose and an organization (email verification, invitations, password set, the support
 * desk's proofs and cancellations), and the sweep that deletes expired rows of every table that has them.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared", "system" })
package org.gatehouse.links;
