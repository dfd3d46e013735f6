package org.gatehouse.notification;

import java.time.Instant;
import java.util.Map;

import org.gatehouse.mfa.MfaEvents;
import org.gatehouse.role.RoleMfaRequirementChanged;
import org.gatehouse.shared.OrganizationId;
import org.gatehouse.shared.RoleId;
import org.gatehouse.shared.UserId;
import org.gatehouse.user.Account;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The plain-text templates write what they are given, character for character. */
class MailTemplatesTests {

	MailTemplates templates = new MailTemplates();

	OrganizationId org = OrganizationId.random();

	UserId actor = UserId.random();

	Account admin = new Account(org, UserId.random(), "ann@example.com", "Ann <O'Neil> & Co", null, null, null, 0, 0,
			false, 0, null, true);

	@Test
	void writesValuesAsTheyAreWithoutEscapingOrEvaluatingThem() {
		var event = new RoleMfaRequirementChanged(org, RoleId.random(), "Ops \"[(${change})]\"", true, actor,
				"after <the> audit & [[${recipient}]]");

		String body = templates.render("account/role-mfa-requirement-changed",
				Map.of("event", event, "recipient", admin, "organization", "Acme & Sons", "change", "now requires"));

		assertThat(body).isEqualTo("Hello Ann <O'Neil> & Co,\n\nThe role Ops \"[(${change})]\" in Acme & Sons now requires"
				+ " a second factor at sign-in.\nChanged by user " + actor + "\nReason: after <the> audit & [[${recipient}]]\n");
	}

	@Test
	void leavesOutAnOptionalLineWithoutItsValue() {
		var event = new RoleMfaRequirementChanged(org, RoleId.random(), "Ops", false, actor, null);

		String body = templates.render("account/role-mfa-requirement-changed",
				Map.of("event", event, "recipient", admin, "organization", "Acme", "change", "no longer requires"));

		assertThat(body).isEqualTo("Hello Ann <O'Neil> & Co,\n\nThe role Ops in Acme no longer requires a second factor"
				+ " at sign-in.\nChanged by user " + actor + "\n");
	}

	@Test
	void aParagraphEndsWithItsTextNotWithTheFilesLineBreak() {
		Instant at = Instant.parse("2026-12-03T10:15:30Z");
		var event = new MfaEvents.AuthenticatorRemoved(org, actor, "Phone", at);

		assertThat(templates.paragraph("mfa/authenticator-removed", Map.of("event", event)))
			.isEqualTo("The authenticator \"Phone\" was removed from your account at 2026-12-03T10:15:30Z by you.");
	}

}
