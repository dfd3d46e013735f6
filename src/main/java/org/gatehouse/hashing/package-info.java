/**
 * Password hashing: Argon2id with the policy's parameters, bounded so that a flood of sign-ins cannot take more memory
 * than the machine has, and the PHC strings it stores.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {})
package org.gatehouse.hashing;
