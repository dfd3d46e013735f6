package org.gatehouse.mfa.internal;

import java.time.Instant;
import java.util.UUID;

/** One row of the authenticator table. toString leaves the sealed secret out. */
public record StoredAuthenticator(UUID organizationId, UUID id, UUID userId, String label, Status status,
		SecretBox.Sealed secret, boolean replacesExisting, Instant createdAt, Instant pendingUntil,
		Instant lastUsedAt, Long lastUsedStep) {

	public enum Status { PENDING, ACTIVE, SUSPENDED }

	public String associatedData() {
		return SecretBox.associatedData(organizationId, userId, id);
	}

	@Override
	public String toString() {
		return "StoredAuthenticator[" + id + ", " + status + "]";
	}

}
