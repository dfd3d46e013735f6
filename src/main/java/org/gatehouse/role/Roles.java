package org.gatehouse.role;

import java.time.Clock;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.gatehouse.audit.AuditAction;
import org.gatehouse.audit.AuditEntry;
import org.gatehouse.audit.AuditLog;
import org.gatehouse.shared.Actor;
import org.gatehouse.shared.OrganizationId;
import org.gatehouse.shared.Permission;
import org.gatehouse.shared.Problem;
import org.gatehouse.shared.ProblemException;
import org.gatehouse.shared.RoleId;
import org.gatehouse.shared.Text;
import org.gatehouse.system.FaultInjection;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The role use cases. Every one takes the actor; the organization comes from the actor only. */
@Service
public class Roles {

	public static final String ADMINISTRATOR = "Administrator";

	static final String ADMINISTRATION_NEEDS_MFA = "A role that grants an administrative permission (users.manage, "
			+ "roles.manage, organization.manage) always requires MFA. Keep Require MFA on, or remove those permissions.";

	private final RoleRepository roles;
	private final RoleMembers members;
	private final ManagerLock managers;
	private final AuditLog audit;
	private final ApplicationEventPublisher events;
	private final FaultInjection faults;
	private final Clock clock;

	Roles(RoleRepository roles, RoleMembers members, ManagerLock managers, AuditLog audit,
			ApplicationEventPublisher events, FaultInjection faults, Clock clock) {
		this.roles = roles;
		this.members = members;
		this.managers = managers;
		this.audit = audit;
		this.events = events;
		this.faults = faults;
		this.clock = clock;
	}

	/** Creates Administrator, Employee, Vendor and Client in a new organization; returns Administrator. */
	@Transactional(propagation = Propagation.MANDATORY)
	public Role createBuiltIns(OrganizationId org) {
		Role admin = new Role(org, RoleId.random(), ADMINISTRATOR, Permission.organization(), true, true);
		List.of(admin, new Role(org, RoleId.random(), "Employee", Set.of(Permission.USERS_READ), true, true),
				new Role(org, RoleId.random(), "Vendor", Set.of(), false, true),
				new Role(org, RoleId.random(), "Client", Set.of(), false, true))
			.forEach(role -> roles.insert(role, clock.instant()));
		return admin;
	}

	@Transactional(readOnly = true)
	public List<Role> list(Actor actor) {
		requireAny(actor, Permission.ROLES_MANAGE, Permission.USERS_MANAGE);
		return roles.findAll(actor.organizationId());
	}

	@Transactional(readOnly = true)
	public Role get(Actor actor, RoleId id) {
		requireAny(actor, Permission.ROLES_MANAGE, Permission.USERS_MANAGE);
		return find(actor.organizationId(), id).orElseThrow(ProblemException::notFound);
	}

	/** For other modules: the role in this organization, if it exists. */
	// One statement: read without a transaction, which would add a BEGIN and a COMMIT to every sign-in.
	public Optional<Role> find(OrganizationId org, RoleId id) {
		return roles.find(org, id);
	}

	@Transactional
	public Role create(Actor actor, String name, Set<Permission> permissions, boolean requireMfa) {
		actor.require(Permission.ROLES_MANAGE);
		String cleanName = validName(name);
		Set<Permission> wanted = permissions == null ? Set.of() : permissions;
		Role role = new Role(actor.organizationId(), RoleId.random(), cleanName, wanted, requireMfa, false);
		refusePlatformPermissions(actor, wanted, AuditAction.ROLE_CREATED, role);
		refuseAboveCeiling(actor, wanted, AuditAction.ROLE_CREATED, role);
		refuseAdministrationWithoutMfa(actor, role, AuditAction.ROLE_CREATED);
		if (roles.nameTaken(actor.organizationId(), cleanName, null)) {
			throw new ProblemException(Problem.CONFLICT, "A role with this name already exists.");
		}
		roles.insert(role, clock.instant());
		audit.record(AuditEntry.byUser(actor.organizationId(), actor.userId().value(), AuditAction.ROLE_CREATED,
				role.id().value(), Map.of("name", cleanName, "permissions", RoleRepository.codes(wanted),
						"requireMfa", Boolean.toString(requireMfa))));
		return role;
	}

	@Transactional
	public Role update(Actor actor, RoleId id, RoleChange change) {
		actor.require(Permission.ROLES_MANAGE);
		String reason = Text.optional(change.reason(), 500, "The reason");
		managers.lock(actor.organizationId());
		Role before = roles.findForUpdate(actor.organizationId(), id).orElseThrow(ProblemException::notFound);
		Role after = new Role(before.organizationId(), before.id(),
				change.name() == null ? before.name() : validName(change.name()),
				change.permissions() == null ? before.permissions() : change.permissions(),
				change.requireMfa() == null ? before.requireMfa() : change.requireMfa(), before.builtIn());
		refusePlatformPermissions(actor, after.permissions(), AuditAction.ROLE_UPDATED, before);
		refuseAboveCeiling(actor, before.permissions(), AuditAction.ROLE_UPDATED, before);
		refuseAboveCeiling(actor, after.permissions(), AuditAction.ROLE_UPDATED, before);
		refuseAdministrationWithoutMfa(actor, after, AuditAction.ROLE_UPDATED);
		if (after.requireMfa() != before.requireMfa() && reason == null) {
			throw ProblemException.invalid("Say why the MFA requirement changes: a reason is required.");
		}
		if (!after.permissions().equals(before.permissions()) || after.requireMfa() != before.requireMfa()) {
			actor.requireRecentStrongFactor(clock.instant());
		}
		if (!after.name().equalsIgnoreCase(before.name()) && roles.nameTaken(actor.organizationId(), after.name(), id)) {
			throw new ProblemException(Problem.CONFLICT, "A role with this name already exists.");
		}
		if (before.grants(Permission.USERS_MANAGE) && !after.grants(Permission.USERS_MANAGE)) {
			refuseLeavingNoManager(actor, before);
		}
		roles.update(after, clock.instant());
		faults.point("role.update.after-write");
		audit.record(AuditEntry.byUser(actor.organizationId(), actor.userId().value(), AuditAction.ROLE_UPDATED,
				id.value(), describe(before, after, reason)));
		faults.point("role.update.after-audit");
		if (after.requireMfa() != before.requireMfa()) {
			audit.record(AuditEntry.byUser(actor.organizationId(), actor.userId().value(),
					AuditAction.ROLE_MFA_REQUIREMENT_CHANGED, id.value(), describe(before, after, reason)));
			events.publishEvent(new RoleMfaRequirementChanged(actor.organizationId(), id, after.name(),
					after.requireMfa(), actor.userId(), reason));
		}
		return after;
	}

	/** What turning the MFA requirement of a role on or off would do to its members. */
	@Transactional(readOnly = true)
	public RoleMembers.MemberCounts members(Actor actor, RoleId id) {
		get(actor, id);
		return members.counts(actor.organizationId(), id);
	}

	/** The roles that grant a permission, for the last-administrator guard of other modules. */
	@Transactional(readOnly = true)
	public Set<RoleId> rolesGranting(OrganizationId org, Permission permission) {
		return granting(roles.findAll(org), permission);
	}

	/** Those of these roles that grant the permission, for a caller that has read the roles already. */
	public static Set<RoleId> granting(Collection<Role> roles, Permission permission) {
		return roles.stream().filter(r -> r.grants(permission)).map(Role::id).collect(Collectors.toSet());
	}

	/** Under the organization's {@link ManagerLock}, so the count sees every change committed before. */
	private void refuseLeavingNoManager(Actor actor, Role before) {
		Set<RoleId> others = rolesGranting(actor.organizationId(), Permission.USERS_MANAGE);
		others.remove(before.id());
		if (members.countActive(actor.organizationId(), others, null) == 0) {
			audit.recordRefusal(AuditEntry.byUser(actor.organizationId(), actor.userId().value(), AuditAction.ROLE_UPDATED,
					before.id().value(), Map.of("refusal", "last-administrator")));
			throw new ProblemException(Problem.LAST_ADMINISTRATOR, "No other active user could manage users after this "
					+ "change. Give another active user a role with users.manage first.");
		}
	}

	/**
	 * Whoever holds an administrative permission proves a second factor: a role that grants one
	 * requires MFA, whether the request adds the permission or turns the requirement off.
	 */
	private void refuseAdministrationWithoutMfa(Actor actor, Role role, AuditAction action) {
		if (!role.requireMfa() && Permission.anyAdministrative(role.permissions())) {
			audit.recordRefusal(AuditEntry.byUser(actor.organizationId(), actor.userId().value(), action,
					role.id().value(), Map.of("refusal", "administration-without-mfa")));
			throw new ProblemException(Problem.CONFLICT, ADMINISTRATION_NEEDS_MFA);
		}
	}

	/** The support side's permissions exist only in the platform organization, whoever asks. */
	private void refusePlatformPermissions(Actor actor, Set<Permission> permissions, AuditAction action, Role role) {
		if (!OrganizationId.PLATFORM.equals(actor.organizationId()) && permissions.stream().anyMatch(Permission::platformOnly)) {
			audit.recordRefusal(AuditEntry.byUser(actor.organizationId(), actor.userId().value(), action,
					role.id().value(), Map.of("refusal", "platform-permission")));
			throw new ProblemException(Problem.FORBIDDEN, "Support permissions (support.*) cannot be given to a role "
					+ "of an organization.");
		}
	}

	private void refuseAboveCeiling(Actor actor, Set<Permission> permissions, AuditAction action, Role role) {
		if (!actor.holdsAll(permissions)) {
			Set<Permission> missing = EnumSet.noneOf(Permission.class);
			missing.addAll(permissions);
			missing.removeAll(actor.permissions());
			audit.recordRefusal(AuditEntry.byUser(actor.organizationId(), actor.userId().value(), action,
					role.id().value(), Map.of("refusal", "permission-ceiling", "missing", RoleRepository.codes(missing))));
			throw new ProblemException(Problem.FORBIDDEN, "You cannot grant or edit permissions you do not hold: "
					+ RoleRepository.codes(missing) + ".");
		}
	}

	private static Map<String, String> describe(Role before, Role after, String reason) {
		Map<String, String> details = new LinkedHashMap<>();
		details.put("name.before", before.name());
		details.put("name.after", after.name());
		details.put("permissions.before", RoleRepository.codes(before.permissions()));
		details.put("permissions.after", RoleRepository.codes(after.permissions()));
		details.put("requireMfa.before", Boolean.toString(before.requireMfa()));
		details.put("requireMfa.after", Boolean.toString(after.requireMfa()));
		if (reason != null) {
			details.put("reason", reason);
		}
		return details;
	}

	private static void requireAny(Actor actor, Permission... permissions) {
		for (Permission p : permissions) {
			if (actor.holds(p)) {
				return;
			}
		}
		actor.require(permissions[0]);
	}

	private static String validName(String name) {
		return Text.clean(name, 100, "The role name");
	}

}
