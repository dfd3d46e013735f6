package org.gatehouse.role;

import org.gatehouse.shared.OrganizationId;

/**
 * The lock that every change able to lower an organization's active users with users.manage (a
 * role edit, a demotion, a disable) takes before it counts them. Two such changes arriving at
 * once, on one node or two, then count one after the other, and the second sees what the first
 * wrote: a count read before the write alone would let both pass. The organization module
 * provides it; it is held until the transaction ends. Whoever also locks user rows takes this
 * lock first.
 */
public interface ManagerLock {

	/** Waits until no other transaction holds the organization's lock, then holds it. Needs a transaction. */
	void lock(OrganizationId organizationId);

}
