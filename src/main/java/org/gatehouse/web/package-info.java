/**
 * HTTP plumbing every feature shares: refusals turned into problem responses (JSON under {@code /api}, a page in the
 * console), a refused console action shown again on its own page ({@link org.gatehouse.web.ShowsRefusal}), the
 * console's messages, error pages, security headers, the guards against hostile input and duplicate parameters, the
 * answer when the database is unreachable or a lock is contended, and the API documentation.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared", "system" })
package org.gatehouse.web;
