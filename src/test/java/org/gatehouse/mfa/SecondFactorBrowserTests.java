package org.gatehouse.mfa;

import org.gatehouse.support.Browser;
import org.gatehouse.support.Fixtures.Member;
import org.gatehouse.support.Fixtures.Org;
import org.gatehouse.support.IntegrationTest;
import org.gatehouse.support.IntegrationTestBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The second factor in headless Chromium: a user whose role requires MFA enrolls from the page's manual key,
 * keeps the recovery codes, signs in with a code, adds a backup device and removes the first one.
 */
@IntegrationTest
class SecondFactorBrowserTests extends IntegrationTestBase {

	@RegisterExtension
	static final Browser browser = new Browser();

	@Test
	void anEmployeeEnrollsSignsInWithACodeAddsABackupDeviceSignsInWithItAndRemovesTheFirstDevice() {
		Org org = fixtures.organization();
		Member employee = fixtures.member(org, "Employee", "EMPLOYEE");

		// the Employee role requires MFA: after the password nothing but enrollment is reachable
		browser.signIn(org.slug(), employee.email(), employee.password()).expectPath("/login/enroll");
		browser.open("/account");
		browser.expectPath("/login/enroll");
		assertThat(browser.imageShown("qr-code")).as("the QR code is drawn").isTrue();
		assertThat(browser.text("manual-key")).matches("([A-Z2-7]{4} )+[A-Z2-7]{1,4}");
		String phone = browser.enroll("Phone", fixtures::totp);
		assertThat(browser.texts("#recovery-codes li")).hasSize(10).doesNotHaveDuplicates()
			.allSatisfy(code -> assertThat(code).isNotBlank());
		browser.press("continue").expectPath("/");
		assertThat(browser.text("role-name")).isEqualTo("Employee");
		assertThat(mailbox.await(employee.email(), "new authenticator").body()).contains("Phone");
		browser.signOut();

		clock.advanceToNextTotpStep();
		browser.signIn(org.slug(), employee.email(), employee.password()).expectPath("/login/challenge");
		assertThat(browser.element("lost-device").getAttribute("href")).endsWith("/help/lost-device");
		browser.answerChallenge(fixtures.totp(phone)).expectPath("/");

		// a backup device needs the second factor confirmed again (step-up)
		browser.pressLink("My account").expectPath("/account");
		assertThat(browser.deviceLabels()).containsExactly("Phone");
		assertThat(browser.text("codes-left")).isEqualTo("10");
		clock.advanceToNextTotpStep();
		browser.type("step-up-code", fixtures.totp(phone)).press("step-up-button");
		assertThat(browser.notice()).startsWith("Confirmed.");
		browser.press("add-device");
		String tablet = browser.enroll("Tablet", fixtures::totp);
		assertThat(tablet).isNotEqualTo(phone);
		assertThat(browser.has("recovery-codes")).as("recovery codes come only with the first device").isFalse();
		browser.open("/account");
		assertThat(browser.deviceLabels()).containsExactlyInAnyOrder("Phone", "Tablet");
		assertThat(browser.text("codes-left")).isEqualTo("10");
		browser.signOut();
		browser.back();
		browser.expectPath("/login");
		assertThat(browser.has("devices")).as("the account page is gone after signing out").isFalse();

		clock.advanceToNextTotpStep();
		browser.signIn(org.slug(), employee.email(), employee.password());
		browser.answerChallenge(fixtures.totp(tablet)).expectPath("/");

		// the sign-in with the backup device counts as a fresh second factor: no step-up needed
		browser.open("/account");
		browser.removeDevice("Phone");
		assertThat(browser.notice()).isEqualTo("The authenticator is removed.");
		assertThat(browser.deviceLabels()).containsExactly("Tablet");
		browser.signOut();

		clock.advanceToNextTotpStep();
		browser.signIn(org.slug(), employee.email(), employee.password());
		browser.answerChallenge(fixtures.totp(phone)).expectPath("/login/challenge");
		assertThat(browser.error()).isNotBlank();
		browser.answerChallenge(fixtures.totp(tablet)).expectPath("/");
		assertThat(browser.text("welcome")).isEqualTo("Welcome, " + employee.name());
	}

}
