package org.gatehouse.recovery;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.gatehouse.audit.AuditAction;
import org.gatehouse.audit.AuditEntry;
import org.gatehouse.audit.AuditLog;
import org.gatehouse.recovery.internal.SupportAccess;
import org.gatehouse.shared.Actor;
import org.gatehouse.shared.OrganizationId;
import org.gatehouse.shared.Permission;
import org.gatehouse.shared.RoleId;
import org.gatehouse.user.Account;
import org.gatehouse.user.Users;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Support agents: users of the platform organization in the role "Support agent" or "Support lead"
 * (both require MFA, so each enrolls a device at first sign-in). The first one is made by the
 * operator's command; after that, leads invite others.
 */
@Service
public class SupportAgents {

	static final RoleId AGENT = new RoleId(UUID.fromString("00000000-0000-0000-0000-00000000a001"));
	static final RoleId LEAD = new RoleId(UUID.fromString("00000000-0000-0000-0000-00000000a002"));

	private final Users users;
	private final AuditLog audit;

	SupportAgents(Users users, AuditLog audit) {
		this.users = users;
		this.audit = audit;
	}

	/** An agent as the console lists them. */
	public record Agent(UUID id, String name, String email, boolean lead, int authenticators) {
	}

	/** By the operator on the server: the invitation link is handed back (to print), not emailed. */
	@Transactional
	public Users.Invitation createByOperator(String email, String name, boolean lead) {
		Users.Invitation invitation = users.inviteToPlatform(lead ? LEAD : AGENT, email, name, false);
		record(AuditEntry.ActorType.SYSTEM, null, invitation.account(), lead);
		return invitation;
	}

	/** By a support lead: the new agent gets the invitation by email. */
	@Transactional
	public Account create(Actor actor, String email, String name, boolean lead) {
		SupportAccess.require(actor, Permission.SUPPORT_LEAD);
		Users.Invitation invitation = users.inviteToPlatform(lead ? LEAD : AGENT, email, name, true);
		record(AuditEntry.ActorType.SUPPORT_AGENT, actor.userId().value(), invitation.account(), lead);
		return invitation.account();
	}

	@Transactional(readOnly = true)
	public List<Agent> list(Actor actor) {
		SupportAccess.require(actor, Permission.SUPPORT_AGENT);
		return users.holding(OrganizationId.PLATFORM, Permission.SUPPORT_AGENT).stream()
			.map(a -> new Agent(a.id().value(), a.name(), a.email(), a.roleId().equals(LEAD), a.authenticators()))
			.toList();
	}

	private void record(AuditEntry.ActorType type, UUID actor, Account agent, boolean lead) {
		audit.record(new AuditEntry(OrganizationId.PLATFORM, type, actor, AuditAction.SUPPORT_AGENT_CREATED, agent.id().value(),
				AuditEntry.Outcome.SUCCESS, Map.of("email", agent.email(), "role", lead ? "Support lead" : "Support agent")));
	}

}
