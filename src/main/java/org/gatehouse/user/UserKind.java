package org.gatehouse.user;

/** The kinds of people an organization holds. */
public enum UserKind { EMPLOYEE, VENDOR, CLIENT }
