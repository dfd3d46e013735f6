package org.gatehouse.organization;

import org.gatehouse.support.Browser;
import org.gatehouse.support.Fixtures;
import org.gatehouse.support.IntegrationTest;
import org.gatehouse.support.IntegrationTestBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gatehouse.support.Fixtures.INVITATION_SUBJECT;
import static org.gatehouse.support.Fixtures.PASSWORD;
import static org.gatehouse.support.Fixtures.VERIFY_SUBJECT;
import static org.gatehouse.support.Fixtures.uniqueEmail;
import static org.gatehouse.support.Fixtures.uniqueSlug;

/** The basics in headless Chromium: sign up, confirm the email, sign in, invite a user who sets a password. */
@IntegrationTest
class FoundationBrowserTests extends IntegrationTestBase {

	@RegisterExtension
	static final Browser browser = new Browser();

	@Test
	void aNewOrganizationSignsUpConfirmsItsEmailSignsInAndInvitesAUserWhoSetsAPasswordAndSignsIn() {
		String slug = uniqueSlug();
		String chiefEmail = uniqueEmail("chief");
		browser.open("/");
		browser.press("sign-up");
		browser.expectPath("/signup")
			.type("name", "Harbour Logistics")
			.type("slug", slug)
			.type("ownerName", "Ada Chief")
			.type("ownerEmail", chiefEmail)
			.type("ownerPassword", PASSWORD)
			.press("sign-up-button");
		assertThat(browser.text("signed-up")).isEqualTo("Check your email");
		assertThat(browser.bodyText()).contains(slug, chiefEmail);

		browser.follow(mailbox.await(chiefEmail, VERIFY_SUBJECT).link());
		browser.expectPath("/verify-email").press("confirm-button");
		assertThat(browser.text("verified")).contains("The primary email is confirmed");

		// the Administrator role requires MFA: the first sign-in sets up an authenticator
		browser.signIn(slug, chiefEmail, PASSWORD).expectPath("/login/enroll");
		assertThat(browser.element("qr-code").getAttribute("src")).startsWith("data:image/png;base64,");
		browser.enroll("Phone", fixtures::totp);
		assertThat(browser.texts("#recovery-codes li")).hasSize(10);
		browser.press("continue").expectPath("/");
		assertThat(browser.text("welcome")).isEqualTo("Welcome, Ada Chief");
		assertThat(browser.text("role-name")).isEqualTo("Administrator");

		String vendorEmail = uniqueEmail("vendor");
		browser.pressLink("Users").expectPath("/users");
		browser.type("invite-email", vendorEmail)
			.type("invite-name", "Vera Vendor")
			.choose("invite-kind", "VENDOR")
			.choose("invite-role", "Vendor")
			.press("invite-button");
		assertThat(browser.notice()).isEqualTo("Invitation sent to " + vendorEmail + ".");
		assertThat(browser.bodyText()).contains("Vera Vendor", vendorEmail);
		browser.signOut();

		browser.follow(mailbox.await(vendorEmail, INVITATION_SUBJECT).link());
		browser.expectPath("/invitation").type("password", "vendor password 2026").press("set-password-button");
		assertThat(browser.text("accepted")).contains("Your password is set");

		// the Vendor role does not require MFA: the password alone signs in
		browser.signIn(slug, vendorEmail, "vendor password 2026").expectPath("/");
		assertThat(browser.text("welcome")).isEqualTo("Welcome, Vera Vendor");
		assertThat(browser.text("role-name")).isEqualTo("Vendor");
		assertThat(browser.has("lockout-banner")).isFalse();
		browser.signOut();
		assertThat(browser.pathAndQuery()).isEqualTo("/login?signedOut");
	}

	@Test
	void theSignUpFormChecksTheSlugInTheBrowserAndTheServerRefusesATakenOne() {
		browser.open("/signup");
		for (String bad : new String[] { "Harbour Logistics", "-harbour", "harbour-", "ab" }) {
			assertThat(browser.type("slug", bad).valid("slug")).as("the slug %s", bad).isFalse();
		}
		assertThat(browser.type("slug", "harbour-logistics-2").valid("slug")).isTrue();

		String slug = uniqueSlug();
		fixtures.api().post("/organizations", Fixtures.signUpBody(slug, uniqueEmail("first"))).expect(201);
		browser.type("name", "Someone Else")
			.type("slug", slug)
			.type("ownerName", "Eve Else")
			.type("ownerEmail", uniqueEmail("else"))
			.type("ownerPassword", PASSWORD)
			.press("sign-up-button");
		browser.expectPath("/signup");
		assertThat(browser.error()).isNotBlank();
		assertThat(browser.element("slug").getAttribute("value")).isEqualTo(slug);
		assertThat(browser.element("ownerPassword").getAttribute("value")).isEmpty();
	}

}
