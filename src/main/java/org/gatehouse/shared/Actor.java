package org.gatehouse.shared;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * The signed-in person on whose behalf a use case runs, resolved once at the edge from the
 * authenticated principal and passed in explicitly. {@code strongFactorAt} is when the strongest
 * factor this person has was last verified, or null. {@code secondFactorAt} is when any second
 * factor was last passed, a recovery code included: a recovery code proves enough to replace the
 * person's own device, never enough for what else needs step-up.
 */
public record Actor(OrganizationId organizationId, UserId userId, Set<Permission> permissions,
		Instant strongFactorAt, Instant secondFactorAt) {

	public Actor {
		Objects.requireNonNull(organizationId, "organizationId");
		Objects.requireNonNull(userId, "userId");
		permissions = Set.copyOf(permissions);
	}

	/** An actor whose last second factor was their strongest one. */
	public Actor(OrganizationId organizationId, UserId userId, Set<Permission> permissions, Instant strongFactorAt) {
		this(organizationId, userId, permissions, strongFactorAt, strongFactorAt);
	}

	public boolean holds(Permission permission) {
		return permissions.contains(permission);
	}

	public boolean holdsAll(Set<Permission> wanted) {
		return permissions.containsAll(wanted);
	}

	/** How long a verified strongest factor counts for sensitive actions (step-up). */
	public static final Duration STEP_UP_WINDOW = Duration.ofMinutes(10);

	public boolean hasRecentStrongFactor(Instant now) {
		return recent(strongFactorAt, now);
	}

	/**
	 * Refuses with 403 step-up-required unless the strongest factor was verified within the last 10
	 * minutes. A recovery code does not count: it opens the replacement of one's own device only.
	 */
	public void requireRecentStrongFactor(Instant now) {
		if (hasRecentStrongFactor(now)) {
			return;
		}
		if (recent(secondFactorAt, now)) {
			throw new ProblemException(Problem.STEP_UP_REQUIRED, "A recovery code lets you replace your own device, "
					+ "nothing more. Confirm a code from your authenticator to do this.");
		}
		throw new ProblemException(Problem.STEP_UP_REQUIRED,
				"Confirm your second factor (or password) again to do this; it was verified more than 10 minutes ago.");
	}

	/**
	 * For changes to the actor's own devices and recovery codes: refuses with 403 step-up-required
	 * unless a second factor, a recovery code included, was passed within the last 10 minutes.
	 */
	public void requireRecentSecondFactor(Instant now) {
		if (!hasRecentStrongFactor(now) && !recent(secondFactorAt, now)) {
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

	private static boolean recent(Instant at, Instant now) {
		return at != null && !at.plus(STEP_UP_WINDOW).isBefore(now);
	}

}
