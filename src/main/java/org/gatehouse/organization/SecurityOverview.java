package org.gatehouse.organization;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.gatehouse.role.Role;
import org.gatehouse.role.Roles;
import org.gatehouse.shared.Actor;
import org.gatehouse.shared.OrganizationId;
import org.gatehouse.shared.Permission;
import org.gatehouse.shared.ProblemException;
import org.gatehouse.shared.RoleId;
import org.gatehouse.user.Account;
import org.gatehouse.user.UserQuery;
import org.gatehouse.user.UserStatus;
import org.gatehouse.user.Users;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * S7, prevention: MFA coverage per role, who has no backup device, and the chief operator's
 * lockout risk with the fix for each cause.
 */
@Service
public class SecurityOverview {

	private final Organizations organizations;
	private final Users users;
	private final Roles roles;

	SecurityOverview(Organizations organizations, Users users, Roles roles) {
		this.organizations = organizations;
		this.users = users;
		this.roles = roles;
	}

	public record RoleCoverage(UUID roleId, String name, boolean requireMfa, long members, long withAuthenticator,
			long withoutAuthenticator, long withBackupDevice) {
	}

	public record UserRef(UUID id, String name, String email, int authenticators) {
	}

	public record Cause(String code, String problem, String fix) {
	}

	public record LockoutRisk(UUID chiefOperatorId, boolean atRisk, List<Cause> causes) {
	}

	public record Overview(List<RoleCoverage> roles, long usersWithoutBackupDevice,
			List<UserRef> withoutBackupDevice, LockoutRisk chiefOperator) {
	}

	@Transactional(readOnly = true)
	public Overview overview(Actor actor) {
		actor.require(Permission.USERS_MANAGE);
		OrganizationId org = actor.organizationId();
		Map<UUID, Users.RoleCoverage> counts = users.coverage(org).stream()
			.collect(Collectors.toMap(c -> c.roleId().value(), Function.identity()));
		List<Role> all = roles.list(actor);
		List<RoleCoverage> coverage = new ArrayList<>();
		for (Role role : all) {
			Users.RoleCoverage c = counts.getOrDefault(role.id().value(), new Users.RoleCoverage(role.id(), 0, 0, 0, 0));
			coverage.add(new RoleCoverage(role.id().value(), role.name(), role.requireMfa(), c.members(),
					c.withAuthenticator(), c.members() - c.withAuthenticator(), c.withBackupDevice()));
		}
		// The coverage has counted the active users with a single device already: only the first of them are read.
		long singleDevice = counts.values().stream().mapToLong(Users.RoleCoverage::activeWithSingleDevice).sum();
		List<UserRef> sample = users.pageWithoutTotal(actor, new UserQuery(null, null, UserStatus.ACTIVE,
				UserQuery.MfaFilter.ONE, null, 0, 20))
			.stream()
			.map(a -> new UserRef(a.id().value(), a.name(), a.email(), a.authenticators()))
			.toList();
		return new Overview(coverage, singleDevice, sample,
				lockoutRisk(org, Roles.granting(all, Permission.USERS_MANAGE)));
	}

	/** The chief operator's risk of being locked out for good, and how to fix each cause. */
	@Transactional(readOnly = true)
	public LockoutRisk lockoutRisk(OrganizationId org) {
		return lockoutRisk(org, roles.rolesGranting(org, Permission.USERS_MANAGE));
	}

	private LockoutRisk lockoutRisk(OrganizationId org, Set<RoleId> managing) {
		Organization organization = organizations.find(org).orElseThrow(ProblemException::notFound);
		Account chief = users.find(org, organization.chiefOperatorId()).orElseThrow();
		boolean sole = users.activeMembersExcept(org, managing, chief.id()) == 0;
		List<Cause> causes = new ArrayList<>();
		if (sole) {
			causes.add(new Cause("SOLE_ADMINISTRATOR", "You are the only user who can manage users: nobody could "
					+ "disable your MFA if you lost your device.", "Add a second administrator."));
		}
		if (chief.authenticators() <= 1) {
			causes.add(new Cause("SINGLE_DEVICE", "You have " + (chief.authenticators() == 0 ? "no" : "a single")
					+ " authenticator.", "Add a backup device."));
		}
		if (chief.authenticators() > 0 && chief.recoveryCodesLeft() == 0) {
			causes.add(new Cause("NO_RECOVERY_CODES", "You have no unused recovery codes.", "Print new recovery codes."));
		}
		boolean atRisk = sole && causes.size() > 1;
		return new LockoutRisk(chief.id().value(), atRisk, causes);
	}

}
