package org.gatehouse.audit;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;

import org.gatehouse.shared.OrganizationId;

/**
 * What to record. {@code details} must never hold a secret; keys are sorted so the hash is stable.
 */
public record AuditEntry(OrganizationId organizationId, ActorType actorType, UUID actorId, AuditAction action,
		UUID targetId, Outcome outcome, Map<String, String> details) {

	public enum ActorType { USER, SUPPORT_AGENT, SYSTEM, ANONYMOUS }

	public enum Outcome { SUCCESS, REFUSED }

	public AuditEntry {
		Objects.requireNonNull(organizationId, "organizationId");
		Objects.requireNonNull(action, "action");
		details = details == null ? Map.of() : new TreeMap<>(details);
	}

	public static AuditEntry byUser(OrganizationId organizationId, UUID actorId, AuditAction action, UUID targetId,
			Map<String, String> details) {
		return new AuditEntry(organizationId, ActorType.USER, actorId, action, targetId, Outcome.SUCCESS, details);
	}

	public AuditEntry refused() {
		return new AuditEntry(organizationId, actorType, actorId, action, targetId, Outcome.REFUSED, details);
	}

}
