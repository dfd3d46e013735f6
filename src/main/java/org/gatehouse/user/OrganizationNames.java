package org.gatehouse.user;

import java.util.List;

import org.gatehouse.shared.OrganizationId;

/**
 * The names an organization goes by (its name and slug), which the passwords of its members must
 * not be made of. The organization module answers it; nothing here depends on that module.
 */
public interface OrganizationNames {

	/** The names, or none for an organization that does not exist (the support agents' own). */
	List<String> of(OrganizationId organization);

}
