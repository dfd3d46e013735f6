/**
 * Ids, the permission vocabulary, the acting principal and the problem types every module shares.
 * Value types only: no services, no persistence.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {})
package org.gatehouse.shared;
