package org.gatehouse.login;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

import org.gatehouse.login.internal.ApiTokens;
import org.gatehouse.login.internal.GatehouseAuthentication;
import org.gatehouse.role.Role;
import org.gatehouse.role.Roles;
import org.gatehouse.shared.Actor;
import org.gatehouse.shared.Permission;
import org.gatehouse.shared.Problem;
import org.gatehouse.shared.ProblemException;
import org.gatehouse.user.Account;
import org.gatehouse.user.Users;
import org.springframework.stereotype.Component;

/**
 * Decides, from the live state of the account and its role, whether a sign-in is finished or
 * owes a second factor. Read at every request, so a role's switch applies at the next request.
 */
@Component
public class SignInPolicy {

	/** A sign-in ends after 12 hours whatever happens in between. */
	public static final Duration ABSOLUTE_LIFETIME = Duration.ofHours(12);

	/**
	 * A sign-in unused this long ends: API tokens by {@link ApiTokens}, console sessions by Spring
	 * Session ({@code spring.session.timeout}, set to the same).
	 */
	public static final Duration IDLE_TIMEOUT = Duration.ofMinutes(30);

	private final Users users;
	private final Roles roles;
	private final Clock clock;

	SignInPolicy(Users users, Roles roles, Clock clock) {
		this.users = users;
		this.roles = roles;
		this.clock = clock;
	}

	/** The authentication of a request, or empty when the sign-in no longer holds. */
	public Optional<GatehouseAuthentication> evaluate(SignedIn signedIn, String tokenHash) {
		return current(signedIn).flatMap(account -> roles.find(account.organizationId(), account.roleId())
			.map(role -> authentication(signedIn, account, role, tokenHash)));
	}

	/**
	 * What a half-finished sign-in still owes, or empty when it no longer holds: the same checks as
	 * {@link #evaluate}, without building the caller's permissions.
	 */
	Optional<Stage> pendingStage(SignedIn signedIn) {
		return current(signedIn).map(account -> stage(account, signedIn));
	}

	/** The account while the sign-in holds: within its lifetime, the account may sign in, its sessions not ended. */
	private Optional<Account> current(SignedIn signedIn) {
		if (signedIn.authenticatedAt().plus(ABSOLUTE_LIFETIME).isBefore(clock.instant())) {
			return Optional.empty();
		}
		return users.find(signedIn.organization(), signedIn.user())
			.filter(Account::canSignIn)
			.filter(account -> account.securityEpoch() == signedIn.securityEpoch());
	}

	private GatehouseAuthentication authentication(SignedIn signedIn, Account account, Role role, String tokenHash) {
		Stage stage = stage(account, () -> role, signedIn);
		Actor actor = account.authenticators() > 0
				? new Actor(account.organizationId(), account.id(), role.permissions(), signedIn.strongFactorAt(),
						signedIn.secondFactorAt())
				: new Actor(account.organizationId(), account.id(), role.permissions(), signedIn.passwordAt());
		return new GatehouseAuthentication(signedIn, stage, actor, tokenHash);
	}

	/**
	 * What a sign-in with these verified factors still owes. The role is read only when the answer
	 * depends on it (a user without an authenticator).
	 */
	Stage stage(Account account, SignedIn signedIn) {
		return stage(account, () -> roles.find(account.organizationId(), account.roleId())
			.orElseThrow(() -> new ProblemException(Problem.SIGN_IN_FAILED, "Sign in again.")), signedIn);
	}

	private Stage stage(Account account, Supplier<Role> role, SignedIn signedIn) {
		if (signedIn.secondFactorAt() != null) {
			return Stage.DONE;
		}
		if (account.authenticators() > 0) {
			return Stage.MFA_CHALLENGE;
		}
		Role current = role.get();
		if (current.requireMfa() && !exempt(account, current)) {
			return Stage.MFA_ENROLLMENT;
		}
		return Stage.DONE;
	}

	/**
	 * An exemption waives the role's requirement, but never for a role with an administrative
	 * permission: also not for an exemption granted before the user was moved into such a role.
	 */
	private boolean exempt(Account account, Role role) {
		return account.exemptFromMfaAt(clock.instant()) && !Permission.anyAdministrative(role.permissions());
	}

}
