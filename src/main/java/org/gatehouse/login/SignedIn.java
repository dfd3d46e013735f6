package org.gatehouse.login;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

import org.gatehouse.shared.OrganizationId;
import org.gatehouse.shared.UserId;

/**
 * What a session or token remembers of a sign-in: who, under which security epoch, and when
 * each factor was verified. Whether that is enough is decided again at every request.
 */
public record SignedIn(UUID organizationId, UUID userId, int securityEpoch, Instant authenticatedAt,
		Instant passwordAt, Instant secondFactorAt) implements Serializable {

	public OrganizationId organization() {
		return new OrganizationId(organizationId);
	}

	public UserId user() {
		return new UserId(userId);
	}

	public SignedIn withSecondFactor(Instant at) {
		return new SignedIn(organizationId, userId, securityEpoch, authenticatedAt, passwordAt, at);
	}

	public SignedIn withPassword(Instant at) {
		return new SignedIn(organizationId, userId, securityEpoch, authenticatedAt, at, secondFactorAt);
	}

}
