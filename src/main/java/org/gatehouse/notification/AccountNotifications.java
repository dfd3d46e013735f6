package org.gatehouse.notification;

import org.gatehouse.organization.ChiefOperatorChanged;
import org.gatehouse.organization.OrganizationSignedUp;
import org.gatehouse.organization.Organizations;
import org.gatehouse.role.RoleMfaRequirementChanged;
import org.gatehouse.shared.OrganizationId;
import org.gatehouse.shared.Permission;
import org.gatehouse.shared.UserId;
import org.gatehouse.user.UserAccessChanged;
import org.gatehouse.user.UserInvited;
import org.gatehouse.user.Users;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Turns the facts of the organization, user and role modules into messages. Runs inside the
 * transaction that published the fact, so a message exists exactly when the change does.
 */
@Component
class AccountNotifications {

	private final MailOutbox outbox;
	private final Organizations organizations;
	private final Users users;

	AccountNotifications(MailOutbox outbox, Organizations organizations, Users users) {
		this.outbox = outbox;
		this.organizations = organizations;
		this.users = users;
	}

	@EventListener
	void on(OrganizationSignedUp event) {
		outbox.enqueue(event.organizationId(), event.primaryEmail(), "Confirm the primary email of " + event.name(),
				"Hello " + event.ownerName() + ",\n\n" + "You signed " + event.name() + " up for Gatehouse and are its "
						+ "chief operator. Confirm that this address is yours (the link works once, for 60 minutes):\n\n"
						+ event.verificationLink() + "\n\nIf you did not sign up, ignore this message.\n");
	}

	@EventListener
	void on(UserInvited event) {
		String org = organizationName(event.organizationId());
		outbox.enqueue(event.organizationId(), event.email(), "You are invited to " + org,
				"Hello " + event.name() + ",\n\nAn administrator of " + org + " created an account for you. "
						+ "Set your password here (the link works once, for 7 days):\n\n" + event.invitationLink()
						+ "\n\nIf you did not expect this, ignore this message.\n");
	}

	@EventListener
	void on(UserAccessChanged event) {
		users.find(event.organizationId(), event.userId()).ifPresent(user -> outbox.enqueue(event.organizationId(),
				user.email(), "Your access to " + organizationName(event.organizationId()) + " changed",
				"Hello " + user.name() + ",\n\nAn administrator changed your account: " + describe(event) + ".\n\n"
						+ "If this is unexpected, contact your administrator.\n"));
	}

	@EventListener
	void on(ChiefOperatorChanged event) {
		String org = organizationName(event.organizationId());
		for (UserId id : java.util.List.of(event.previous(), event.next())) {
			users.find(event.organizationId(), id).ifPresent(user -> outbox.enqueue(event.organizationId(),
					user.email(), "The chief operator of " + org + " changed",
					"Hello " + user.name() + ",\n\nThe chief operator title of " + org + " moved from user "
							+ event.previous() + " to user " + event.next() + ". The primary email is now "
							+ event.primaryEmail() + ".\nIf this is unexpected, contact your administrators at once.\n"));
		}
	}

	@EventListener
	void on(RoleMfaRequirementChanged event) {
		String org = organizationName(event.organizationId());
		String change = event.requireMfa() ? "now requires" : "no longer requires";
		for (var admin : users.holding(event.organizationId(), Permission.USERS_MANAGE)) {
			outbox.enqueue(event.organizationId(), admin.email(), "Role " + event.roleName() + " " + change + " MFA",
					"Hello " + admin.name() + ",\n\nThe role " + event.roleName() + " in " + org + " " + change
							+ " a second factor at sign-in.\nChanged by user " + event.actorId()
							+ (event.reason() == null ? "" : "\nReason: " + event.reason()) + "\n");
		}
	}

	private static String describe(UserAccessChanged event) {
		return switch (event.change()) {
			case "disabled" -> "it was disabled, and every session and token ended";
			case "enabled" -> "it was enabled again";
			case "role_changed" -> "its role changed (" + event.detail() + ")";
			case "mfa_exemption_granted" -> "you may sign in without MFA until " + event.detail()
					+ "; after that you will be asked to set up an authenticator";
			case "mfa_exemption_ended" -> "your exemption from MFA ended";
			default -> event.change();
		};
	}

	private String organizationName(OrganizationId id) {
		return organizations.find(id).map(o -> o.name()).orElse("your organization");
	}

}
