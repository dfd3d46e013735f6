package org.gatehouse.mfa;

import java.time.Instant;
import java.util.UUID;

/** An authenticator as its owner and administrators see it: never the secret. */
public record AuthenticatorView(UUID id, String label, String status, Instant createdAt, Instant lastUsedAt) {
}
