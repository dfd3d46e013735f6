package org.gatehouse.recovery;

/** How a request arrived: the public form (or its API), or inbound email from the mail gateway. */
public enum Channel { FORM, EMAIL }
