/**
 * Infrastructure every feature module uses: the clock, password hashing, single-use links,
 * settings and the translation of refusals into problem responses. Depends on no feature module.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package org.gatehouse.system;
