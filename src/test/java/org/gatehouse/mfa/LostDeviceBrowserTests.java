package org.gatehouse.mfa;

import org.gatehouse.audit.AuditAction;
import org.gatehouse.support.Api;
import org.gatehouse.support.Browser;
import org.gatehouse.support.Fixtures.Member;
import org.gatehouse.support.Fixtures.Org;
import org.gatehouse.support.IntegrationTest;
import org.gatehouse.support.IntegrationTestBase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gatehouse.support.Api.json;
import static org.gatehouse.support.Fixtures.INVITATION_SUBJECT;
import static org.gatehouse.support.Fixtures.uniqueEmail;

/**
 * The lost-device help article walked in headless Chromium: an administrator disables MFA (S1,
 * S2), switches a role's requirement off or moves the user to another role (S3), and the chief
 * operator clears the lockout-risk banner by adding a second administrator (S7). Each test has an
 * organization of its own, set up over the API; everything the article describes happens in the
 * browser.
 */
@IntegrationTest
class LostDeviceBrowserTests extends IntegrationTestBase {

	@RegisterExtension
	static final Browser browser = new Browser();

	Org org;

	@BeforeEach
	void organization() {
		org = fixtures.organization();
	}

	@Test
	void anAdministratorDisablesMfaOfAVendorWhoSignsInWithThePasswordAndSetsMfaUpAgain() {
		Member vendor = enrolledMember("Vendor", "VENDOR");
		browser.signIn(org.slug(), vendor.email(), vendor.password()).expectPath("/login/challenge");
		browser.press("lost-device").expectPath("/help/lost-device");
		assertThat(browser.bodyText()).contains("Ask an administrator of your organization",
				"If your role does not require MFA, you then sign in with your password alone");
		browser.forgetCookies();

		signInAsChiefOperator();
		openUserPage(vendor);
		assertThat(browser.text("user-authenticators")).isEqualTo("1");
		assertThat(browser.bodyText()).contains("Their role does not require MFA");
		disableMfa("lost phone on a trip");
		browser.signOut();
		assertThat(mailbox.await(vendor.email(), "MFA was reset on your account").body())
			.contains("lost phone on a trip");
		assertThat(fixtures.audited(org.token(), AuditAction.MFA_RESET.value(), vendor.id()).path("details").path("reason").asString())
			.isEqualTo("lost phone on a trip");

		// no requirement on the role: the password alone gets in, and the account page invites to set MFA up again
		browser.signIn(org.slug(), vendor.email(), vendor.password()).expectPath("/");
		browser.pressLink("My account").expectPath("/account");
		assertThat(browser.has("no-mfa")).isTrue();
		assertThat(browser.deviceLabels()).isEmpty();
		assertThat(browser.text("add-device")).isEqualTo("Set up an authenticator");
		browser.press("add-device").expectPath("/account/authenticators/new");
		browser.enroll("New phone", fixtures::totp);
		assertThat(browser.texts("#recovery-codes li")).hasSize(10);
		browser.open("/account");
		assertThat(browser.has("no-mfa")).isFalse();
		assertThat(browser.deviceLabels()).containsExactly("New phone");
		browser.signOut();

		clock.advanceToNextTotpStep();
		browser.signIn(org.slug(), vendor.email(), vendor.password()).expectPath("/login/challenge");
	}

	@Test
	void anEmployeeWhoseMfaWasDisabledIsLedFromThePasswordStraightToEnrollingANewDevice() {
		Member employee = enrolledMember("Employee", "EMPLOYEE");

		signInAsChiefOperator();
		openUserPage(employee);
		assertThat(browser.bodyText()).contains("Their role requires MFA, so they will set up a new device");
		disableMfa("phone broken");
		browser.signOut();

		browser.signIn(org.slug(), employee.email(), employee.password()).expectPath("/login/enroll");
		browser.open("/account");
		browser.expectPath("/login/enroll");
		browser.open("/");
		browser.expectPath("/login/enroll");
		browser.enroll("Replacement phone", fixtures::totp);
		assertThat(browser.texts("#recovery-codes li")).hasSize(10);
		browser.press("continue").expectPath("/");
		assertThat(browser.text("welcome")).isEqualTo("Welcome, " + employee.name());
		assertThat(mailbox.await(employee.email(), "new authenticator").body()).contains("Replacement phone");
	}

	@Test
	void anEmployeeWithoutAnyDeviceGetsInWithThePasswordOnceTheAdministratorTurnsTheRolesRequirementOff() {
		Member employee = enrolledMember("Employee", "EMPLOYEE");
		signInAsChiefOperator();
		openUserPage(employee);
		disableMfa("no smartphone any more");
		browser.signOut();
		stuckAtEnrollment(employee);

		signInAsChiefOperator();
		browser.pressLink("User roles").expectPath("/roles");
		browser.pressLink("Employee");
		assertThat(browser.text("require-mfa-now")).isEqualTo("Yes");
		assertThat(browser.ticked("require-mfa")).isTrue();
		assertThat(browser.text("mfa-impact")).isEqualTo(
				"If you turn Require MFA off: 1 member has no authenticator and will sign in with a password alone.");
		browser.tick("require-mfa", false).type("role-reason", "no smartphones in the warehouse").press(
				"save-role-button");
		assertThat(browser.notice()).startsWith("Role saved");
		assertThat(browser.text("require-mfa-now")).isEqualTo("No");
		assertThat(browser.ticked("require-mfa")).isFalse();
		browser.signOut();
		assertThat(mailbox.await(org.chiefEmail(), "Role Employee no longer requires MFA").body())
			.contains("no smartphones in the warehouse");
		assertThat(fixtures.audit(org.token(), AuditAction.ROLE_MFA_REQUIREMENT_CHANGED.value())).hasSize(1);

		browser.signIn(org.slug(), employee.email(), employee.password()).expectPath("/");
		assertThat(browser.text("role-name")).isEqualTo("Employee");
		browser.pressLink("My account");
		assertThat(browser.has("no-mfa")).isTrue();
	}

	@Test
	void anEmployeeWithoutAnyDeviceGetsInWithThePasswordOnceTheAdministratorMovesThemToTheVendorRole() {
		Member employee = enrolledMember("Employee", "EMPLOYEE");
		signInAsChiefOperator();
		openUserPage(employee);
		disableMfa("no smartphone any more");
		browser.signOut();
		stuckAtEnrollment(employee);

		signInAsChiefOperator();
		openUserPage(employee);
		assertThat(browser.chosen("role-select")).startsWith("Employee");
		assertThat(browser.options("role-select"))
			.contains("Vendor (MFA not required: password alone)",
					"Employee (requires MFA: asked to enroll at next sign-in)");
		browser.choose("role-select", "Vendor").type("role-reason", "works from the warehouse");
		browser.press("change-role-button");
		assertThat(browser.notice()).startsWith("The role is changed");
		assertThat(browser.text("user-role")).isEqualTo("Vendor");
		browser.signOut();
		assertThat(fixtures.audited(org.token(), AuditAction.USER_ROLE_CHANGED.value(), employee.id())).isNotNull();

		browser.signIn(org.slug(), employee.email(), employee.password()).expectPath("/");
		assertThat(browser.text("role-name")).isEqualTo("Vendor");
	}

	@Test
	void theChiefOperatorSeesTheLockoutRiskBannerUntilASecondAdministratorHasJoined() {
		signInAsChiefOperator();
		assertThat(browser.text("lockout-banner")).contains("Add a second administrator.", "Add a backup device.");

		String adminEmail = uniqueEmail("admin");
		browser.pressLink("Users");
		browser.type("invite-email", adminEmail)
			.type("invite-name", "Second Admin")
			.choose("invite-kind", "EMPLOYEE")
			.choose("invite-role", "Administrator")
			.press("invite-button");
		assertThat(browser.notice()).isEqualTo("Invitation sent to " + adminEmail + ".");
		browser.pressLink("Home").expectPath("/");
		assertThat(browser.has("lockout-banner")).as("an invitation alone does not clear the risk").isTrue();
		browser.signOut();

		browser.follow(mailbox.await(adminEmail, INVITATION_SUBJECT).link());
		browser.type("password", "second admin password").press("set-password-button");
		assertThat(browser.has("accepted")).isTrue();
		browser.signIn(org.slug(), adminEmail, "second admin password").expectPath("/login/enroll");
		browser.enroll("Phone", fixtures::totp);
		browser.press("continue").expectPath("/");
		assertThat(browser.text("role-name")).isEqualTo("Administrator");
		assertThat(browser.has("lockout-banner")).as("only the chief operator sees the banner").isFalse();
		browser.signOut();

		signInAsChiefOperator();
		assertThat(browser.has("lockout-banner")).isFalse();
		browser.pressLink("Security").expectPath("/security");
		assertThat(browser.text("risk-state")).isEqualTo("No lockout risk");
	}

	// --- steps ---

	/** A member of the role with one confirmed authenticator, enrolled over the API. */
	Member enrolledMember(String role, String kind) {
		Member member = fixtures.member(org, role, kind);
		Api.Response password = fixtures.password(org.slug(), member.email(), member.password()).expect(200);
		if (!"DONE".equals(password.text("next"))) {
			fixtures.signInThroughEnrollment(org.slug(), member.email(), member.password());
			return member;
		}
		String token = password.text("accessToken");
		Api.Response started = api.post("/me/authenticators", json("label", "Phone"), token).expect(201);
		api.post("/me/authenticators/" + started.text("authenticatorId") + "/confirm",
				json("code", fixtures.totp(started.text("secret"))), token)
			.expect(200);
		return member;
	}

	/** The chief operator signs in with the password and a fresh code: the second factor is fresh for step-up. */
	void signInAsChiefOperator() {
		clock.advanceToNextTotpStep();
		browser.signIn(org.slug(), org.chiefEmail(), org.password());
		browser.answerChallenge(fixtures.totp(org.totpSecret())).expectPath("/");
	}

	void openUserPage(Member member) {
		browser.pressLink("Users").expectPath("/users");
		browser.pressLink(member.name()).expectPath("/users/" + member.id());
	}

	void disableMfa(String reason) {
		browser.type("mfa-reason", reason).press("disable-mfa-button");
		assertThat(browser.notice()).startsWith("MFA is disabled for this user");
		assertThat(browser.text("user-authenticators")).isEqualTo("0");
	}

	/**
	 * The member's password leads only to enrollment, and without any device they can go no
	 * further: they close the browser (the page offers no sign-out).
	 */
	void stuckAtEnrollment(Member member) {
		browser.signIn(org.slug(), member.email(), member.password()).expectPath("/login/enroll");
		browser.open("/");
		browser.expectPath("/login/enroll");
		browser.forgetCookies();
	}

}
