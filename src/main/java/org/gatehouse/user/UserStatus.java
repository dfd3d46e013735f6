package org.gatehouse.user;

/** INVITED until the invitation sets a password; DISABLED users cannot sign in. */
public enum UserStatus { INVITED, ACTIVE, DISABLED }
