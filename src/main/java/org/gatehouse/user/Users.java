package org.gatehouse.user;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.gatehouse.audit.AuditAction;
import org.gatehouse.audit.AuditEntry;
import org.gatehouse.audit.AuditLog;
import org.gatehouse.links.OneTimeTokens;
import org.gatehouse.role.ManagerLock;
import org.gatehouse.role.Role;
import org.gatehouse.role.Roles;
import org.gatehouse.shared.Actor;
import org.gatehouse.shared.Emails;
import org.gatehouse.shared.OrganizationId;
import org.gatehouse.shared.Permission;
import org.gatehouse.shared.Problem;
import org.gatehouse.shared.ProblemException;
import org.gatehouse.shared.RoleId;
import org.gatehouse.shared.Text;
import org.gatehouse.shared.UserId;
import org.gatehouse.system.GatehouseSettings;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/** The user use cases of administrators and of the invited user. */
@Service
public class Users {

	static final String INVITATION = "invitation";
	static final Duration INVITATION_LIFETIME = Duration.ofDays(7);
	static final Duration MAX_EXEMPTION = Duration.ofDays(7);

	private final UserRepository users;
	private final Roles roles;
	private final ManagerLock managers;
	private final OneTimeTokens tokens;
	private final PasswordEncoder passwords;
	private final AuditLog audit;
	private final ApplicationEventPublisher events;
	private final GatehouseSettings settings;
	private final OrganizationNames organizationNames;
	private final TransactionTemplate tx;
	private final Clock clock;

	Users(UserRepository users, Roles roles, ManagerLock managers, OneTimeTokens tokens, PasswordEncoder passwords,
			AuditLog audit, ApplicationEventPublisher events, GatehouseSettings settings,
			OrganizationNames organizationNames, PlatformTransactionManager transactions, Clock clock) {
		this.organizationNames = organizationNames;
		this.tx = new TransactionTemplate(transactions);
		this.users = users;
		this.roles = roles;
		this.managers = managers;
		this.tokens = tokens;
		this.passwords = passwords;
		this.audit = audit;
		this.events = events;
		this.settings = settings;
		this.clock = clock;
	}

	/** Creates a user with a role and sends the invitation whose link sets the password. */
	@Transactional
	public Account invite(Actor actor, String email, String name, UserKind kind, RoleId roleId) {
		actor.require(Permission.USERS_MANAGE);
		String address = validEmail(email);
		String cleanName = validName(name);
		if (kind == null) {
			throw ProblemException.invalid("kind must be EMPLOYEE, VENDOR or CLIENT.");
		}
		Role role = roles.find(actor.organizationId(), roleId).orElseThrow(ProblemException::notFound);
		refuseAboveCeiling(actor, role, AuditAction.USER_INVITED, null);
		if (users.emailTaken(actor.organizationId(), address)) {
			throw new ProblemException(Problem.CONFLICT, "A user with this email already exists.");
		}
		Account account = new Account(actor.organizationId(), UserId.random(), address, cleanName, kind, roleId,
				UserStatus.INVITED, 0, 0, false, 0, null, false);
		users.insert(account, null, clock.instant());
		String token = tokens.issue(actor.organizationId(), INVITATION, account.id().value(), INVITATION_LIFETIME);
		audit.record(AuditEntry.byUser(actor.organizationId(), actor.userId().value(), AuditAction.USER_INVITED,
				account.id().value(), Map.of("kind", kind.name(), "role", role.name())));
		events.publishEvent(new UserInvited(actor.organizationId(), account.id(), address, cleanName,
				settings.link("/invitation", token)));
		return account;
	}

	/**
	 * The invited user sets a password through the single-use link. The link and the password are
	 * checked, and the password hashed, before the transaction that redeems the link: a hash may wait
	 * for its turn behind a queue of sign-ins, and must not hold a database connection and the user's
	 * row meanwhile. A link that is not live gets its 410 without a hash.
	 */
	public Account acceptInvitation(String token, String password) {
		PasswordPolicy.checkLength(password);
		OneTimeTokens.Redeemed link = tokens.peek(token, INVITATION);
		String email = invited(users.find(link.organizationId(), new UserId(link.subjectId()))).email();
		List<String> names = organizationNames.of(link.organizationId());
		PasswordPolicy.check(password, email, names);
		String hash = passwords.encode(password);
		return tx.execute(status -> {
			OneTimeTokens.Redeemed redeemed = tokens.redeem(token, INVITATION);
			UserId id = new UserId(redeemed.subjectId());
			Account account = invited(users.findForUpdate(redeemed.organizationId(), id));
			if (!account.email().equals(email)) { // changed since the check above
				PasswordPolicy.check(password, account.email(), names);
			}
			users.setPassword(account.organizationId(), id, hash, UserStatus.ACTIVE, clock.instant());
			audit.record(new AuditEntry(account.organizationId(), AuditEntry.ActorType.USER, id.value(),
					AuditAction.USER_INVITATION_ACCEPTED, id.value(), AuditEntry.Outcome.SUCCESS, Map.of()));
			return users.find(account.organizationId(), id).orElseThrow();
		});
	}

	private static Account invited(Optional<Account> account) {
		return account.filter(a -> a.status() == UserStatus.INVITED)
			.orElseThrow(() -> new ProblemException(Problem.GONE, "This link has expired or was already used."));
	}

	@Transactional(readOnly = true)
	public UserPage list(Actor actor, UserQuery query) {
		requireReader(actor);
		return users.search(actor.organizationId(), query);
	}

	/** A page of a list without a text filter, without counting the list (for a caller that knows its total). */
	@Transactional(readOnly = true)
	public List<Account> pageWithoutTotal(Actor actor, UserQuery query) {
		requireReader(actor);
		return users.pageWithoutTotal(actor.organizationId(), query);
	}

	@Transactional(readOnly = true)
	public Account get(Actor actor, UserId id) {
		requireReader(actor);
		return users.find(actor.organizationId(), id).orElseThrow(ProblemException::notFound);
	}

	@Transactional
	public Account disable(Actor actor, UserId id, String reason) {
		String clean = Text.clean(reason, 500, "The reason");
		managers.lock(actor.organizationId());
		Account target = manageable(actor, id, AuditAction.USER_DISABLED);
		if (target.status() == UserStatus.DISABLED) {
			return target;
		}
		refuseLastManager(actor, target, AuditAction.USER_DISABLED);
		users.setStatus(actor.organizationId(), id, UserStatus.DISABLED, clock.instant());
		audit.record(AuditEntry.byUser(actor.organizationId(), actor.userId().value(), AuditAction.USER_DISABLED, id.value(),
				Map.of("reason", clean)));
		events.publishEvent(new UserAccessChanged(actor.organizationId(), id, "disabled", actor.userId(), clean));
		return users.find(actor.organizationId(), id).orElseThrow();
	}

	@Transactional
	public Account enable(Actor actor, UserId id) {
		Account target = manageable(actor, id, AuditAction.USER_ENABLED);
		if (target.status() != UserStatus.DISABLED) {
			return target;
		}
		users.setStatus(actor.organizationId(), id, UserStatus.ACTIVE, clock.instant());
		audit.record(AuditEntry.byUser(actor.organizationId(), actor.userId().value(), AuditAction.USER_ENABLED, id.value(),
				Map.of()));
		events.publishEvent(new UserAccessChanged(actor.organizationId(), id, "enabled", actor.userId(), null));
		return users.find(actor.organizationId(), id).orElseThrow();
	}

	/** Moves a user to another role; takes effect at the user's next request. */
	@Transactional
	public Account changeRole(Actor actor, UserId id, RoleId roleId, String reason) {
		Map<String, String> because = reasonOnly(reason);
		managers.lock(actor.organizationId());
		Account target = manageable(actor, id, AuditAction.USER_ROLE_CHANGED);
		Role next = roles.find(actor.organizationId(), roleId).orElseThrow(ProblemException::notFound);
		refuseAboveCeiling(actor, next, AuditAction.USER_ROLE_CHANGED, target.id());
		if (target.roleId().equals(roleId)) {
			return target;
		}
		Role previous = roles.find(actor.organizationId(), target.roleId()).orElseThrow();
		if (previous.grants(Permission.USERS_MANAGE) && !next.grants(Permission.USERS_MANAGE)) {
			refuseLastManager(actor, target, AuditAction.USER_ROLE_CHANGED);
		}
		users.setRole(actor.organizationId(), id, roleId, clock.instant());
		Map<String, String> details = new LinkedHashMap<>();
		details.put("role.before", previous.name());
		details.put("role.after", next.name());
		details.put("requireMfa.before", Boolean.toString(previous.requireMfa()));
		details.put("requireMfa.after", Boolean.toString(next.requireMfa()));
		details.putAll(because);
		audit.record(AuditEntry.byUser(actor.organizationId(), actor.userId().value(), AuditAction.USER_ROLE_CHANGED,
				id.value(), details));
		events.publishEvent(new UserAccessChanged(actor.organizationId(), id, "role_changed", actor.userId(),
				previous.name() + " -> " + next.name()));
		return users.find(actor.organizationId(), id).orElseThrow();
	}

	/**
	 * Lets one user sign in without MFA until a time at most 7 days away, instead of weakening the
	 * whole role; it ends by itself and the user is then asked to enroll. {@code until} null ends it now.
	 * A holder of an administrative permission gets none: they always prove a second factor.
	 */
	@Transactional
	public Account exemptFromMfa(Actor actor, UserId id, java.time.Instant until, String reason) {
		Account target = manageable(actor, id, AuditAction.USER_MFA_EXEMPTION);
		actor.requireRecentStrongFactor(clock.instant());
		if (until != null) {
			refuseExemptingAnAdministrator(actor, target);
			Text.clean(reason, 500, "The reason");
			if (!until.isAfter(clock.instant()) || until.isAfter(clock.instant().plus(MAX_EXEMPTION))) {
				throw ProblemException.invalid("An exemption ends in the future and within 7 days.");
			}
		}
		users.setExemption(actor.organizationId(), id, until);
		Map<String, String> details = new LinkedHashMap<>();
		details.put("until", String.valueOf(until));
		details.putAll(reasonOnly(reason));
		audit.record(AuditEntry.byUser(actor.organizationId(), actor.userId().value(),
				until == null ? AuditAction.USER_MFA_EXEMPTION_ENDED : AuditAction.USER_MFA_EXEMPTION_GRANTED, id.value(), details));
		events.publishEvent(new UserAccessChanged(actor.organizationId(), id,
				until == null ? "mfa_exemption_ended" : "mfa_exemption_granted", actor.userId(), String.valueOf(until)));
		return users.find(actor.organizationId(), target.id()).orElseThrow();
	}

	/**
	 * The target of an administrator's action on another user: in the actor's organization (404
	 * otherwise), not the actor, and with no permission the actor lacks.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public Account manageable(Actor actor, UserId id, AuditAction action) {
		actor.require(Permission.USERS_MANAGE);
		Account target = users.findForUpdate(actor.organizationId(), id).orElseThrow(ProblemException::notFound);
		if (target.id().equals(actor.userId())) {
			audit.recordRefusal(AuditEntry.byUser(actor.organizationId(), actor.userId().value(), action,
					id.value(), Map.of("refusal", "self")));
			throw new ProblemException(Problem.FORBIDDEN, "Administrators cannot do this to themselves.");
		}
		Role role = roles.find(actor.organizationId(), target.roleId()).orElseThrow();
		refuseAboveCeiling(actor, role, action, id);
		return target;
	}

	// --- for other modules ---

	/** A new account and the single-use link that sets its password. The link never leaves through toString. */
	public record Invitation(Account account, String link) {

		@Override
		public String toString() {
			return "Invitation[" + account.id() + "]";
		}

	}

	/**
	 * Invites a support agent: an account of the platform organization (outside every organization)
	 * in one of its roles. The caller authorizes and audits; {@code sendEmail} mails the link as for
	 * any invitation, otherwise only the returned link carries it.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public Invitation inviteToPlatform(RoleId roleId, String email, String name, boolean sendEmail) {
		OrganizationId platform = OrganizationId.PLATFORM;
		String address = validEmail(email);
		String cleanName = validName(name);
		roles.find(platform, roleId).orElseThrow(ProblemException::notFound);
		if (users.emailTaken(platform, address)) {
			throw new ProblemException(Problem.CONFLICT, "An agent with this email already exists.");
		}
		Account account = new Account(platform, UserId.random(), address, cleanName, UserKind.EMPLOYEE, roleId,
				UserStatus.INVITED, 0, 0, false, 0, null, false);
		users.insert(account, null, clock.instant());
		String link = settings.link("/invitation",
				tokens.issue(platform, INVITATION, account.id().value(), INVITATION_LIFETIME));
		if (sendEmail) {
			events.publishEvent(new UserInvited(platform, account.id(), address, cleanName, link));
		}
		return new Invitation(account, link);
	}

	/** @param names the organization's name and slug, which the password must not be made of */
	@Transactional(propagation = Propagation.MANDATORY)
	public Account createChiefOperator(OrganizationId org, RoleId adminRole, String name, String email,
			String password, List<String> names) {
		String address = validEmail(email);
		PasswordPolicy.check(password, address, names);
		Account account = new Account(org, UserId.random(), address, validName(name), UserKind.EMPLOYEE, adminRole,
				UserStatus.ACTIVE, 0, 0, false, 0, null, false);
		users.insert(account, passwords.encode(password), clock.instant());
		return account;
	}

	// One statement: read without a transaction, which would add a BEGIN and a COMMIT to every sign-in.
	public Optional<Account> find(OrganizationId org, UserId id) {
		return users.find(org, id);
	}

	// One statement: read without a transaction, which would add a BEGIN and a COMMIT to every sign-in.
	public Optional<Credentials> credentials(OrganizationId org, String email) {
		if (!Emails.isValid(email)) { // no account has it, and the database need not see it
			return Optional.empty();
		}
		return users.credentials(org, Emails.normalize(email));
	}

	@Transactional
	public void rehashPassword(OrganizationId org, UserId id, String password) {
		users.rehash(org, id, passwords.encode(password));
	}

	/** Ends every session and token of the user at their next request. */
	@Transactional(propagation = Propagation.MANDATORY)
	public void endSessions(OrganizationId org, UserId id) {
		users.bumpEpoch(org, id);
	}

	/**
	 * Locks the user's row until the transaction ends, for a change to their devices or recovery
	 * codes: such changes then run one after the other, and each counts what the one before left.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public Account lockForMfaChange(OrganizationId org, UserId id) {
		return users.findForUpdate(org, id).orElseThrow(ProblemException::notFound);
	}

	/**
	 * Kept by the MFA module so the user list can filter by MFA state; the counts are read under
	 * {@link #lockForMfaChange}, or a change racing this one leaves them wrong.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void recordMfaState(OrganizationId org, UserId id, int authenticators, int recoveryCodesLeft) {
		users.setMfaState(org, id, authenticators, authenticators > 1, recoveryCodesLeft);
	}

	/** Per role: members who are not disabled, those with an authenticator, and those with a backup device. */
	/**
	 * A role's members who are not disabled, those with an authenticator, those with more than one,
	 * and the active ones with exactly one.
	 */
	public record RoleCoverage(RoleId roleId, long members, long withAuthenticator, long withBackupDevice,
			long activeWithSingleDevice) {
	}

	@Transactional(readOnly = true)
	public List<RoleCoverage> coverage(OrganizationId org) {
		return users.coverageByRole(org);
	}

	/** Active users holding a permission, e.g. the administrators to notify. */
	@Transactional(readOnly = true)
	public List<Account> holding(OrganizationId org, Permission permission) {
		return users.withRoles(org, roles.rolesGranting(org, permission));
	}

	@Transactional(readOnly = true)
	public long activeManagersExcept(OrganizationId org, UserId except) {
		return activeMembersExcept(org, roles.rolesGranting(org, Permission.USERS_MANAGE), except);
	}

	/** Active users with a password in any of these roles, but for one; for a caller that has the roles in hand. */
	@Transactional(readOnly = true)
	public long activeMembersExcept(OrganizationId org, Set<RoleId> inRoles, UserId except) {
		return users.countActive(org, inRoles, except);
	}

	private void refuseExemptingAnAdministrator(Actor actor, Account target) {
		Role role = roles.find(actor.organizationId(), target.roleId()).orElseThrow();
		if (Permission.anyAdministrative(role.permissions())) {
			audit.recordRefusal(AuditEntry.byUser(actor.organizationId(), actor.userId().value(),
					AuditAction.USER_MFA_EXEMPTION_GRANTED, target.id().value(),
					Map.of("refusal", "administrative-role", "role", role.name())));
			throw new ProblemException(Problem.CONFLICT, "The role " + role.name() + " grants an administrative "
					+ "permission, so its members always use MFA: no exemption. Move the user to another role first.");
		}
	}

	/** Under the organization's {@link ManagerLock}, so the count sees every change committed before. */
	private void refuseLastManager(Actor actor, Account target, AuditAction action) {
		Set<RoleId> managing = roles.rolesGranting(actor.organizationId(), Permission.USERS_MANAGE);
		if (managing.contains(target.roleId()) && users.countActive(actor.organizationId(), managing, target.id()) == 0) {
			audit.recordRefusal(AuditEntry.byUser(actor.organizationId(), actor.userId().value(), action,
					target.id().value(), Map.of("refusal", "last-administrator")));
			throw new ProblemException(Problem.LAST_ADMINISTRATOR,
					"This user is the last active one who can manage users.");
		}
	}

	private void refuseAboveCeiling(Actor actor, Role role, AuditAction action, UserId target) {
		if (!actor.holdsAll(role.permissions())) {
			audit.recordRefusal(AuditEntry.byUser(actor.organizationId(), actor.userId().value(), action,
					target == null ? null : target.value(), Map.of("refusal", "permission-ceiling", "role", role.name())));
			throw new ProblemException(Problem.FORBIDDEN,
					"The role " + role.name() + " holds permissions you do not hold.");
		}
	}

	private static void requireReader(Actor actor) {
		if (!actor.holds(Permission.USERS_MANAGE)) {
			actor.require(Permission.USERS_READ);
		}
	}

	private static Map<String, String> reasonOnly(String reason) {
		String clean = Text.optional(reason, 500, "The reason");
		return clean == null ? Map.of() : Map.of("reason", clean);
	}

	static String validEmail(String email) {
		if (!Emails.isValid(email)) {
			throw ProblemException.invalid("A valid email address is required.");
		}
		return Emails.normalize(email);
	}

	static String validName(String name) {
		return Text.clean(name, 200, "The name");
	}

}
