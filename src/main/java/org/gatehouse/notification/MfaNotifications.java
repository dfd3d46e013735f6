package org.gatehouse.notification;

import java.util.Map;

import org.gatehouse.mfa.MfaEvents;
import org.gatehouse.organization.Organizations;
import org.gatehouse.shared.OrganizationId;
import org.gatehouse.shared.Permission;
import org.gatehouse.shared.UserId;
import org.gatehouse.user.Account;
import org.gatehouse.user.Users;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Every change to a person's second factor is announced to them, with time, actor and device
 * label; changes made by an administrator or support also to the organization's administrators.
 */
@Component
class MfaNotifications {

	private final MailOutbox outbox;
	private final MailTemplates templates;
	private final Organizations organizations;
	private final Users users;

	MfaNotifications(MailOutbox outbox, MailTemplates templates, Organizations organizations, Users users) {
		this.outbox = outbox;
		this.templates = templates;
		this.organizations = organizations;
		this.users = users;
	}

	@EventListener
	void on(MfaEvents.AuthenticatorAdded event) {
		tellUser(event.organizationId(), event.userId(), "A new authenticator was added to your account",
				text("mfa/authenticator-added", event));
	}

	@EventListener
	void on(MfaEvents.EnrollmentReported event) {
		String text = text("mfa/enrollment-reported", event);
		tellUser(event.organizationId(), event.userId(), "You reported a device that was not yours", text);
		tellAdministrators(event.organizationId(), event.userId(), "Possible account takeover: a device was reported", text);
	}

	@EventListener
	void on(MfaEvents.AuthenticatorRemoved event) {
		tellUser(event.organizationId(), event.userId(), "An authenticator was removed from your account",
				text("mfa/authenticator-removed", event));
	}

	@EventListener
	void on(MfaEvents.RecoveryCodesGenerated event) {
		tellUser(event.organizationId(), event.userId(), "New recovery codes were made for your account",
				text("mfa/recovery-codes-generated", event));
	}

	@EventListener
	void on(MfaEvents.RecoveryCodeUsed event) {
		tellUser(event.organizationId(), event.userId(), "A recovery code was used to sign in",
				text("mfa/recovery-code-used", event));
	}

	@EventListener
	void on(MfaEvents.SecondFactorSuspended event) {
		String text = text("mfa/second-factor-suspended", event);
		tellUser(event.organizationId(), event.userId(), "Your second factor was suspended", text);
		tellAdministrators(event.organizationId(), event.userId(), "A user's second factor was suspended", text);
	}

	@EventListener
	void on(MfaEvents.MfaReset event) {
		tellUser(event.organizationId(), event.userId(), "MFA was reset on your account",
				templates.paragraph("mfa/mfa-reset", Map.of("event", event, "toUser", true)));
		tellAdministrators(event.organizationId(), event.userId(), "MFA was reset for a user",
				templates.paragraph("mfa/mfa-reset", Map.of("event", event, "toUser", false)));
	}

	private String text(String template, Object event) {
		return templates.paragraph(template, Map.of("event", event));
	}

	private void tellUser(OrganizationId org, UserId user, String subject, String text) {
		users.find(org, user).ifPresent(account -> outbox.enqueue(org, account.email(), subject, templates
			.render("mfa/to-user", Map.of("recipient", account, "text", text, "organization", name(org)))));
	}

	private void tellAdministrators(OrganizationId org, UserId subjectUser, String subject, String text) {
		String about = users.find(org, subjectUser).map(Account::email).orElse(subjectUser.toString());
		for (Account admin : users.holding(org, Permission.USERS_MANAGE)) {
			outbox.enqueue(org, admin.email(), subject, templates.render("mfa/to-administrator",
					Map.of("recipient", admin, "about", about, "text", text, "organization", name(org))));
		}
	}

	private String name(OrganizationId org) {
		return organizations.find(org).map(o -> o.name()).orElse("");
	}

}
