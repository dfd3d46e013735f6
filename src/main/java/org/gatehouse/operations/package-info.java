/**
 * What the operator runs and reads: the command line ({@code gatehouse migrate}, the feature modules' commands), the
 * schema migrations, the readiness message and the actuator endpoints behind the operator's metrics token.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared", "system", "web" })
package org.gatehouse.operations;
