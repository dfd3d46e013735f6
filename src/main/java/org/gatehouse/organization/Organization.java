package org.gatehouse.organization;

import java.time.Instant;

import org.gatehouse.shared.OrganizationId;
import org.gatehouse.shared.UserId;

/** An organization. The primary email belongs to the chief operator's title. */
public record Organization(OrganizationId id, String slug, String name, String primaryEmail,
		Instant primaryEmailVerifiedAt, UserId chiefOperatorId, Instant createdAt) {

	public boolean primaryEmailVerified() {
		return primaryEmailVerifiedAt != null;
	}

}
