package org.gatehouse.recovery;

/**
 * How a ticket proves the requester: the primary email of record plus the password (expedited),
 * or identity evidence, two agents and a waiting period (standard).
 */
public enum Track {

	PRIMARY_EMAIL, OTHER_EMAIL;

	public boolean expedited() {
		return this == PRIMARY_EMAIL;
	}

}
