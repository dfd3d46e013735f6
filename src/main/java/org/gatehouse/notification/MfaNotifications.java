package org.gatehouse.notification;


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
	private final Organizations organizations;
	private final Users users;

	MfaNotifications(MailOutbox outbox, Organizations organizations, Users users) {
		this.outbox = outbox;
		this.organizations = organizations;
		this.users = users;
	}

	@EventListener
	void on(MfaEvents.AuthenticatorAdded event) {
		tellUser(event.organizationId(), event.userId(), "A new authenticator was added to your account",
				"The authenticator \"" + event.label() + "\" was added to your account at " + event.at() + " by you"
						+ (event.replacedOthers() ? "; it replaced every earlier device" : "") + ".\n\n"
						+ "If this was not you, report it here: the device is suspended at once, every session ends "
						+ "and your administrators are alerted (the link works once, for 7 days):\n" + event.reportLink());
	}

	@EventListener
	void on(MfaEvents.EnrollmentReported event) {
		String text = "The owner reported that the authenticator \"" + event.label() + "\" added to the account was not "
				+ "theirs. It was suspended at " + event.at() + " and every session ended. Check the account and, if "
				+ "needed, disable its MFA so the owner can enroll again.";
		tellUser(event.organizationId(), event.userId(), "You reported a device that was not yours", text);
		tellAdministrators(event.organizationId(), event.userId(), "Possible account takeover: a device was reported", text);
	}

	@EventListener
	void on(MfaEvents.AuthenticatorRemoved event) {
		tellUser(event.organizationId(), event.userId(), "An authenticator was removed from your account",
				"The authenticator \"" + event.label() + "\" was removed from your account at " + event.at() + " by you.");
	}

	@EventListener
	void on(MfaEvents.RecoveryCodesGenerated event) {
		tellUser(event.organizationId(), event.userId(), "New recovery codes were made for your account",
				"A new set of recovery codes was made at " + event.at() + "; earlier codes no longer work.");
	}

	@EventListener
	void on(MfaEvents.RecoveryCodeUsed event) {
		tellUser(event.organizationId(), event.userId(), "A recovery code was used to sign in",
				"A recovery code was used to sign in to your account at " + event.at() + ". " + event.left()
						+ " codes are left." + (event.left() <= 3 ? " Make a new set soon." : "")
						+ " If you lost your device, replace it from your account page (\"Reset my MFA token\").");
	}

	@EventListener
	void on(MfaEvents.SecondFactorSuspended event) {
		String text = "After " + event.failures() + " wrong codes in a row, the authenticators of this account were "
				+ "suspended at " + event.at() + ". An administrator must reset them.";
		tellUser(event.organizationId(), event.userId(), "Your second factor was suspended", text);
		tellAdministrators(event.organizationId(), event.userId(), "A user's second factor was suspended", text);
	}

	@EventListener
	void on(MfaEvents.MfaReset event) {
		String who = switch (event.by()) {
			case ADMINISTRATOR -> "an administrator (user " + event.actorId() + ")";
			case SUPPORT -> "the support team, after identity checks";
			default -> "the system";
		};
		String text = "Every authenticator and recovery code of the account was removed at " + event.at() + " by "
				+ who + ", and every session ended. Reason: " + event.reason() + ".";
		tellUser(event.organizationId(), event.userId(), "MFA was reset on your account",
				text + " At your next sign-in you can set up a new device.");
		tellAdministrators(event.organizationId(), event.userId(), "MFA was reset for a user", text);
	}

	private void tellUser(OrganizationId org, UserId user, String subject, String text) {
		users.find(org, user).ifPresent(account -> outbox.enqueue(org, account.email(), subject,
				"Hello " + account.name() + ",\n\n" + text + "\n\nOrganization: " + name(org)
						+ "\nIf this was not you, contact your administrator at once.\n"));
	}

	private void tellAdministrators(OrganizationId org, UserId subjectUser, String subject, String text) {
		String about = users.find(org, subjectUser).map(Account::email).orElse(subjectUser.toString());
		for (Account admin : users.holding(org, Permission.USERS_MANAGE)) {
			outbox.enqueue(org, admin.email(), subject, "Hello " + admin.name() + ",\n\nUser " + about + ": " + text
					+ "\n\nOrganization: " + name(org) + "\n");
		}
	}

	private String name(OrganizationId org) {
		return organizations.find(org).map(o -> o.name()).orElse("");
	}

}
