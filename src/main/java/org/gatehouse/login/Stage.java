package org.gatehouse.login;

/** Where a sign-in stands. Only {@code DONE} reaches anything beyond its own challenge or enrollment. */
public enum Stage { MFA_CHALLENGE, MFA_ENROLLMENT, DONE }
