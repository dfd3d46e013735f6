package org.gatehouse.recovery;

import java.util.List;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.gatehouse.audit.AuditAction;
import org.gatehouse.support.Browser;
import org.gatehouse.support.Fixtures;
import org.gatehouse.support.Fixtures.Org;
import org.gatehouse.support.IntegrationTest;
import org.gatehouse.support.Mailbox;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gatehouse.recovery.SupportFixtures.ACKNOWLEDGEMENT;
import static org.gatehouse.recovery.SupportFixtures.PROOF;

/**
 * The primary-email track of S6 walked in headless Chromium: a chief operator who lost their
 * only device and is their organization's only administrator asks support from the public form,
 * proves the mailbox of record with the emailed link and the password, a support agent approves in
 * the support console, and the chief operator enrolls a new device at the next sign-in. The
 * organization and the agent are set up over the API; everything the people do happens in the
 * browser.
 */
@IntegrationTest
class SupportRecoveryBrowserTests extends SupportTestBase {

	static final Pattern REFERENCE = Pattern.compile("reference ([0-9a-f-]{36})");

	@RegisterExtension
	static final Browser browser = new Browser();

	Org org;

	SupportFixtures.Agent agent;

	@BeforeEach
	void setUp() {
		org = fixtures.organization();
		agent = support.agent(false);
	}

	@Test
	void aSoleChiefOperatorWithoutTheirDeviceIsResetBySupportFromThePrimaryEmailAndEnrollsANewDevice() {
		List<Map<String, Object>> lost = authenticators();
		assertThat(lost).hasSize(1);
		assertThat(support.resets(org)).isEmpty();

		// the password leads to the challenge, but the device is gone: the help page leads to support
		browser.signIn(org.slug(), org.chiefEmail(), org.password()).expectPath("/login/challenge");
		browser.press("lost-device").expectPath("/help/lost-device");
		browser.press("submit-request").expectPath("/support/request");
		browser.type("organization", org.slug())
			.type("email", org.chiefEmail())
			.type("message", "I lost my phone and I am the only administrator.")
			.press("submit-request-button")
			.expectPath("/support/request");
		assertThat(browser.notice()).isEqualTo(ResourceBundle.getBundle("messages").getString(IntakePages.RECEIVED));
		UUID ticket = reference(mailbox.await(org.chiefEmail(), ACKNOWLEDGEMENT));

		// the link in the primary mailbox, then the chief operator's password, once
		Mailbox.Message proof = mailbox.await(org.chiefEmail(), PROOF);
		assertThat(proof.body()).contains(ticket.toString());
		browser.follow(proof.link());
		browser.expectPath("/support/proof");
		browser.type("password", org.password()).press("confirm-request-button");
		assertThat(browser.has("proof-received")).isTrue();
		assertThat(browser.has("confirm-request-button")).as("the link works once").isFalse();
		browser.forgetCookies();

		// an agent signs in to the support console with password and code, and finds the ticket in the queue
		clock.advanceToNextTotpStep();
		browser.open("/platform/login");
		browser.type("email", agent.email()).type("password", Fixtures.PASSWORD).press("sign-in-button");
		browser.answerChallenge(fixtures.totp(agent.secret())).expectPath("/platform");
		assertThat(browser.texts("#ticket-" + ticket + " td")).contains(org.slug(), org.chiefEmail(), "expedited");
		assertThat(browser.texts("#ticket-" + ticket + " .ticket-state")).containsExactly("AWAITING_APPROVAL");
		browser.pressElement(browser.find(By.cssSelector("#ticket-" + ticket + " .open-ticket")))
			.expectPath("/platform/tickets/" + ticket);
		assertThat(browser.text("ticket-state")).isEqualTo("AWAITING_APPROVAL");
		assertThat(browser.text("ticket-track")).contains("expedited (primary email)");
		assertThat(browser.text("email-proven")).isNotEqualTo("no");
		assertThat(browser.text("password-proven")).isNotEqualTo("no");
		assertThat(browser.text("chief-operator")).endsWith(org.chiefEmail() + ", 1 authenticator(s)");

		browser.press("approve-button").expectPath("/platform/tickets/" + ticket);
		assertThat(browser.notice()).isEqualTo("Approved.");
		assertThat(browser.text("ticket-state")).isEqualTo("EXECUTED");
		assertThat(browser.text("chief-operator")).endsWith(", 0 authenticator(s)");
		assertThat(browser.has("approve-button")).isFalse();
		assertThat(browser.has("execute-button")).isFalse();
		assertThat(browser.texts("#timeline li")).hasSize(5).last().asString()
			.endsWith("READY → EXECUTED by " + agent.name());
		browser.pressLink("Back to the queue").expectPath("/platform");
		assertThat(browser.has("ticket-" + ticket)).as("a closed ticket leaves the open queue").isFalse();
		browser.signOut();

		// the reset: the lost device and the recovery codes gone, every session ended, audited and emailed
		assertThat(authenticators()).isEmpty();
		assertThat(recoveryCodes()).isZero();
		api.get("/me", org.token()).expectProblem(401, "unauthenticated");
		assertThat(mailbox.await(org.chiefEmail(), "MFA was reset on your account").body())
			.contains("the support team", ticket.toString());
		assertThat(support.resets(org)).singleElement()
			.satisfies(reset -> assertThat(reset.get("actor_type")).isEqualTo("SUPPORT_AGENT"))
			.satisfies(reset -> assertThat((String) reset.get("details")).contains("\"by\":\"SUPPORT\"",
					"\"authenticatorsRemoved\":\"1\"", "\"recoveryCodesRemoved\":\"10\""));
		assertThat(support.platformActions(ticket)).containsExactly(AuditAction.SUPPORT_TICKET_OPEN.value(),
				AuditAction.SUPPORT_TICKET_AWAITING_EMAIL_PROOF.value(), AuditAction.SUPPORT_TICKET_AWAITING_APPROVAL.value(), AuditAction.SUPPORT_TICKET_READY.value(),
				AuditAction.SUPPORT_TICKET_EXECUTED.value());

		// the password alone leads to enrolling a new device, and then into the console
		browser.signIn(org.slug(), org.chiefEmail(), org.password()).expectPath("/login/enroll");
		String replacement = browser.enroll("New phone", fixtures::totp);
		assertThat(replacement).isNotEqualTo(org.totpSecret());
		assertThat(browser.texts("#recovery-codes li")).hasSize(10);
		browser.press("continue").expectPath("/");
		assertThat(browser.text("welcome")).isEqualTo("Welcome, Chief of " + org.slug());
		assertThat(browser.text("role-name")).isEqualTo("Administrator");
		assertThat(mailbox.await(org.chiefEmail(), "new authenticator").body()).contains("New phone");
		assertThat(authenticators()).singleElement().satisfies(device -> {
			assertThat(device.get("id")).isNotEqualTo(lost.get(0).get("id"));
			assertThat(device.get("label")).isEqualTo("New phone");
			assertThat(device.get("status")).isEqualTo("ACTIVE");
		});
		assertThat(recoveryCodes()).isEqualTo(10);
		browser.signOut();

		// a code of the lost device no longer opens anything; the new device does
		clock.advanceToNextTotpStep();
		browser.signIn(org.slug(), org.chiefEmail(), org.password()).expectPath("/login/challenge");
		browser.answerChallenge(fixtures.totp(org.totpSecret())).expectPath("/login/challenge");
		assertThat(browser.error()).isNotEmpty();
		browser.answerChallenge(fixtures.totp(replacement)).expectPath("/");
		assertThat(browser.text("welcome")).isEqualTo("Welcome, Chief of " + org.slug());
	}

	// --- steps ---

	/** The ticket id the acknowledgement quotes as its reference. */
	static UUID reference(Mailbox.Message acknowledgement) {
		Matcher reference = REFERENCE.matcher(acknowledgement.body());
		assertThat(reference.find()).as("a reference in " + acknowledgement.body()).isTrue();
		return UUID.fromString(reference.group(1));
	}

	/** The chief operator's authenticators (pending ones too), from the database. */
	List<Map<String, Object>> authenticators() {
		return jdbc.sql("SELECT id, label, status FROM authenticator WHERE organization_id = ? AND user_id = ?")
			.params(org.id(), org.chiefId())
			.query()
			.listOfRows();
	}

	/** The chief operator's unused recovery codes, from the database. */
	long recoveryCodes() {
		return jdbc.sql("SELECT COUNT(*) FROM recovery_code WHERE organization_id = ? AND user_id = ? AND used_at IS NULL")
			.params(org.id(), org.chiefId())
			.query(Long.class)
			.single();
	}

}
