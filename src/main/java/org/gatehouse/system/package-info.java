/**
 * The service's settings ({@code gatehouse.*}), the clock, the data folder kept readable by its owner only, and the
 * crash points of the crash-safety tests. Depends on no other module.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {})
package org.gatehouse.system;
