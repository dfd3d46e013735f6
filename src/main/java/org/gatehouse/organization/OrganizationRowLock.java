package org.gatehouse.organization;

import org.gatehouse.role.ManagerLock;
import org.gatehouse.shared.OrganizationId;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The organization's row is the lock of its administrators: it exists as long as the organization
 * does, on H2 and PostgreSQL alike. Only the role table references it; on PostgreSQL a new role's
 * key check waits while the lock is held, and cannot deadlock with it, as creating a role locks
 * nothing before that insert.
 */
@Component
class OrganizationRowLock implements ManagerLock {

	private final OrganizationRepository organizations;

	OrganizationRowLock(OrganizationRepository organizations) {
		this.organizations = organizations;
	}

	@Override
	@Transactional(propagation = Propagation.MANDATORY)
	public void lock(OrganizationId organizationId) {
		organizations.findForUpdate(organizationId);
	}

}
