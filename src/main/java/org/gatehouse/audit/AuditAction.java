package org.gatehouse.audit;

/**
 * Every action the audit trail records. {@link #value()} is the wire string: it is stored in the
 * {@code action} column, hashed into the chain, returned by the API and exported to CSV, so a
 * value never changes once shipped. Events written before a constant existed are read back as
 * plain strings ({@link AuditTrail.Event#action()}).
 */
public enum AuditAction {

	ORGANIZATION_SIGNED_UP("organization.signed_up"),
	ORGANIZATION_PRIMARY_EMAIL_VERIFIED("organization.primary_email_verified"),
	ORGANIZATION_CHIEF_OPERATOR_CHANGED("organization.chief_operator_changed"),

	USER_INVITED("user.invited"),
	USER_INVITATION_ACCEPTED("user.invitation_accepted"),
	USER_DISABLED("user.disabled"),
	USER_ENABLED("user.enabled"),
	USER_ROLE_CHANGED("user.role_changed"),
	/** A refused exemption change, before it is known whether it grants or ends one. */
	USER_MFA_EXEMPTION("user.mfa_exemption"),
	USER_MFA_EXEMPTION_GRANTED("user.mfa_exemption_granted"),
	USER_MFA_EXEMPTION_ENDED("user.mfa_exemption_ended"),

	ROLE_CREATED("role.created"),
	ROLE_UPDATED("role.updated"),
	ROLE_MFA_REQUIREMENT_CHANGED("role.mfa_requirement_changed"),

	PERMISSION_DENIED("permission.denied"),

	MFA_AUTHENTICATOR_ADDED("mfa.authenticator_added"),
	MFA_AUTHENTICATOR_REMOVED("mfa.authenticator_removed"),
	MFA_ENROLLMENT_REPORTED("mfa.enrollment_reported"),
	MFA_RECOVERY_CODES_GENERATED("mfa.recovery_codes_generated"),
	MFA_RECOVERY_CODE_USED("mfa.recovery_code_used"),
	MFA_SUSPENDED("mfa.suspended"),
	MFA_LOCKED("mfa.locked"),
	MFA_RESET("mfa.reset"),

	SUPPORT_AGENT_CREATED("support.agent_created"),
	SUPPORT_RECOVERY_CANCELLED("support.recovery_cancelled"),
	SUPPORT_EVIDENCE_RECORDED("support.evidence_recorded"),
	/** A refused approval; an approval that succeeds moves the ticket and records its new state. */
	SUPPORT_TICKET_APPROVED("support.ticket_approved"),
	SUPPORT_TICKET_OPEN("support.ticket_open"),
	SUPPORT_TICKET_AWAITING_EMAIL_PROOF("support.ticket_awaiting_email_proof"),
	SUPPORT_TICKET_AWAITING_EVIDENCE("support.ticket_awaiting_evidence"),
	SUPPORT_TICKET_AWAITING_APPROVAL("support.ticket_awaiting_approval"),
	SUPPORT_TICKET_WAITING_PERIOD("support.ticket_waiting_period"),
	SUPPORT_TICKET_READY("support.ticket_ready"),
	SUPPORT_TICKET_EXECUTED("support.ticket_executed"),
	SUPPORT_TICKET_CANCELLED("support.ticket_cancelled"),
	SUPPORT_TICKET_REJECTED("support.ticket_rejected"),
	SUPPORT_TICKET_EXPIRED("support.ticket_expired");

	private final String value;

	AuditAction(String value) {
		this.value = value;
	}

	/** The wire string, e.g. {@code mfa.reset}. */
	public String value() {
		return value;
	}

	@Override
	public String toString() {
		return value;
	}

}
