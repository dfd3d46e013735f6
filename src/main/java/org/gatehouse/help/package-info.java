/**
 * Public help pages for people who cannot sign in, such as "Lost your device?", with
 * "Was this page helpful?" counts. They reveal nothing about any organization or user.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "web" })
package org.gatehouse.help;
