package org.gatehouse.notification;

import java.util.List;
import java.util.Map;

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
	private final MailTemplates templates;
	private final Organizations organizations;
	private final Users users;

	AccountNotifications(MailOutbox outbox, MailTemplates templates, Organizations organizations, Users users) {
		this.outbox = outbox;
		this.templates = templates;
		this.organizations = organizations;
		this.users = users;
	}

	@EventListener
	void on(OrganizationSignedUp event) {
		outbox.enqueue(event.organizationId(), event.primaryEmail(), "Confirm the primary email of " + event.name(),
				templates.render("account/organization-signed-up", Map.of("event", event)));
	}

	@EventListener
	void on(UserInvited event) {
		String org = organizationName(event.organizationId());
		outbox.enqueue(event.organizationId(), event.email(), "You are invited to " + org,
				templates.render("account/user-invited", Map.of("event", event, "organization", org)));
	}

	@EventListener
	void on(UserAccessChanged event) {
		users.find(event.organizationId(), event.userId()).ifPresent(user -> outbox.enqueue(event.organizationId(),
				user.email(), "Your access to " + organizationName(event.organizationId()) + " changed",
				templates.render("account/user-access-changed", Map.of("event", event, "recipient", user))));
	}

	@EventListener
	void on(ChiefOperatorChanged event) {
		String org = organizationName(event.organizationId());
		for (UserId id : List.of(event.previous(), event.next())) {
			users.find(event.organizationId(), id).ifPresent(user -> outbox.enqueue(event.organizationId(),
					user.email(), "The chief operator of " + org + " changed", templates.render(
							"account/chief-operator-changed", Map.of("event", event, "recipient", user, "organization", org))));
		}
	}

	@EventListener
	void on(RoleMfaRequirementChanged event) {
		String org = organizationName(event.organizationId());
		String change = event.requireMfa() ? "now requires" : "no longer requires";
		for (var admin : users.holding(event.organizationId(), Permission.USERS_MANAGE)) {
			outbox.enqueue(event.organizationId(), admin.email(), "Role " + event.roleName() + " " + change + " MFA",
					templates.render("account/role-mfa-requirement-changed",
							Map.of("event", event, "recipient", admin, "organization", org, "change", change)));
		}
	}

	private String organizationName(OrganizationId id) {
		return organizations.find(id).map(o -> o.name()).orElse("your organization");
	}

}
