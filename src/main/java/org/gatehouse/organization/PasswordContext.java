package org.gatehouse.organization;

import java.util.List;

import org.gatehouse.shared.OrganizationId;
import org.gatehouse.user.OrganizationNames;
import org.springframework.stereotype.Component;

/** Tells the password policy the names an organization goes by. */
@Component
class PasswordContext implements OrganizationNames {

	private final OrganizationRepository organizations;

	PasswordContext(OrganizationRepository organizations) {
		this.organizations = organizations;
	}

	@Override
	public List<String> of(OrganizationId organization) {
		return organizations.find(organization).map(org -> List.of(org.name(), org.slug())).orElse(List.of());
	}

}
