package org.gatehouse.shared;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * The signed-in person on whose behalf a use case runs, resolved once at the edge from the
 * authenticated principal and passed in explicitly. {@code strongFactorAt} is when the
 * strongest factor this person has was last verified, or null.
 */
public record Actor(OrganizationId organizationId, UserId userId, Set<Permission> permissions,
		Instant strongFactorAt) {

	public Actor {
		Objects.requireNonNull(organizationId, "organizationId");
		Objects.requireNonNull(userId, "userId");
		permissions = Set.copyOf(permissions);
	}

	public boolean holds(Permission permission) {
		return permissions.contains(permission);
	}

	public boolean holdsAll(Set<Permission> wanted) {
		return permissions.containsAll(wanted);
	}

	/** How long a verified strongest factor counts for sensitive actions (step-up). */
	public static final Duration STEP_UP_WINDOW = Duration.ofMinutes(10);

	/** Refuses with 403 step-up-required unless the strongest factor was verified within the last 10 minutes. */
	public void requireRecentStrongFactor(Instant now) {
		if (strongFactorAt == null || strongFactorAt.plus(STEP_UP_WINDOW).isBefore(now)) {
			throw new ProblemException(Problem.STEP_UP_REQUIRED,
					"Confirm your second factor (or password) again to do this; it was verified more than 10 minutes ago.");
		}
	}

	/** Refuses with 403 unless the actor holds the permission. */
	public void require(Permission permission) {
		if (!holds(permission)) {
			throw new PermissionDenied(permission);
		}
	}

}
