package org.gatehouse.login;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

import org.gatehouse.shared.OrganizationId;
import org.gatehouse.shared.UserId;

/**
 * What a session or token remembers of a sign-in: who, under which security epoch, and when
 * each factor was verified. {@code secondFactorAt} is when any second factor was passed, a
 * recovery code included; {@code strongFactorAt} only when an authenticator was. Whether that is
 * enough is decided again at every request.
 * <p>
 * Console sessions hold this record Java-serialized (Spring Session JDBC). A record is read back
 * by its component names, so a session written before a component existed reads it as null:
 * a session from before {@code strongFactorAt} must confirm its authenticator again for step-up.
 */
public record SignedIn(UUID organizationId, UUID userId, int securityEpoch, Instant authenticatedAt,
		Instant passwordAt, Instant secondFactorAt, Instant strongFactorAt) implements Serializable {

	public OrganizationId organization() {
		return new OrganizationId(organizationId);
	}

	public UserId user() {
		return new UserId(userId);
	}

	/** An authenticator (TOTP device) was verified: the second factor, and the strongest one. */
	public SignedIn withStrongFactor(Instant at) {
		return new SignedIn(organizationId, userId, securityEpoch, authenticatedAt, passwordAt, at, at);
	}

	/** A recovery code passed the second step; it is never the strongest factor. */
	public SignedIn withRecoveryCode(Instant at) {
		return new SignedIn(organizationId, userId, securityEpoch, authenticatedAt, passwordAt, at, strongFactorAt);
	}

	/**
	 * A new device of the person's own was confirmed with a code from it. It counts as the strongest
	 * factor only where the enrollment ran under one ({@code strong}): a device bound on the strength
	 * of a recovery code must not turn that recovery code into step-up.
	 */
	public SignedIn withConfirmedDevice(Instant at, boolean strong) {
		return strong ? withStrongFactor(at)
				: new SignedIn(organizationId, userId, securityEpoch, authenticatedAt, passwordAt, at, strongFactorAt);
	}

	public SignedIn withPassword(Instant at) {
		return new SignedIn(organizationId, userId, securityEpoch, authenticatedAt, at, secondFactorAt, strongFactorAt);
	}

}
