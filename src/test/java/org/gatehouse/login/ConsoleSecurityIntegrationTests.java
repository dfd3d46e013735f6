package org.gatehouse.login;

import java.util.UUID;

import org.gatehouse.audit.AuditAction;
import org.gatehouse.support.Api;
import org.gatehouse.support.Console;
import org.gatehouse.support.Console.Page;
import org.gatehouse.support.Fixtures;
import org.gatehouse.support.Fixtures.Member;
import org.gatehouse.support.Fixtures.Org;
import org.gatehouse.support.IntegrationTest;
import org.gatehouse.support.IntegrationTestBase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gatehouse.support.Console.SESSION_COOKIE;
import static org.gatehouse.support.Fixtures.PASSWORD;
import static org.gatehouse.support.Fixtures.uniqueEmail;
import static org.gatehouse.support.Fixtures.uniqueSlug;

/**
 * The Thymeleaf console: CSRF protection, a new session id at every sign-in step, logout that
 * ends the session, and a half-finished sign-in that reaches nothing but its second step.
 */
@IntegrationTest
class ConsoleSecurityIntegrationTests extends IntegrationTestBase {

	Org org;

	/** Manages users, so their role requires MFA: an authenticator enrolled through the API. */
	Member admin;

	String adminSecret;

	@BeforeEach
	void organizationWithAConsoleAdministrator() {
		org = fixtures.organization();
		UUID role = fixtures.createRole(org, "Console admin", true, "users.read", "users.manage");
		admin = fixtures.member(org, role, "EMPLOYEE", "Ada Admin");
		adminSecret = fixtures.signInThroughEnrollment(org.slug(), admin.email(), PASSWORD).secret();
	}

	/** The administrator's second step in the console, with a fresh TOTP code. */
	Page passChallenge(Console console) {
		clock.advanceToNextTotpStep();
		return console.post("/login/challenge", "code", fixtures.totp(adminSecret)).expectRedirect("/");
	}

	@Test
	void aConsolePostWithoutAValidCsrfTokenIsRefusedWith403AndChangesNothing() {
		Console console = fixtures.console();
		console.get("/login").expect(200);
		Page forgedSignIn = console.postWithoutCsrf("/login", "organization", org.slug(), "email", admin.email(),
				"password", PASSWORD);
		console.get("/users").expectRedirect("/login"); // that sign-in did not happen
		console.get("/signup").expect(200);
		String slug = uniqueSlug();
		String owner = uniqueEmail("forged");
		Page forgedSignUp = console.postWithoutCsrf("/signup", "name", "Forged", "slug", slug, "ownerName", "Forger",
				"ownerEmail", owner, "ownerPassword", PASSWORD);
		assertThat(mailbox.queuedFor(owner)).isZero();
		api.post("/organizations", Fixtures.signUpBody(slug, uniqueEmail("chief"))).expect(201); // the slug was free

		console.signIn(org.slug(), admin.email(), PASSWORD).expectRedirect("/login/challenge");
		passChallenge(console);
		console.get("/users").expect(200);
		String vendorRole = fixtures.roleId(org, "Vendor").toString();
		String email = uniqueEmail("csrf");
		long invitedBefore = fixtures.audit(org.token(), AuditAction.USER_INVITED.value()).size();

		Page missing = console.postWithoutCsrf("/users", "email", email, "name", "Forged", "kind", "VENDOR",
				"roleId", vendorRole);
		Page wrong = console.postWithoutCsrf("/users", "_csrf", "forged-token", "email", email, "name", "Forged",
				"kind", "VENDOR", "roleId", vendorRole);
		Page logout = console.postWithoutCsrf("/logout");

		assertThat(api.get("/users" + Api.query("q", email), org.token()).expect(200).json().path("total").asLong())
			.isZero();
		assertThat(mailbox.queuedFor(email)).isZero();
		assertThat(fixtures.audit(org.token(), AuditAction.USER_INVITED.value())).hasSize((int) invitedBefore);
		console.get("/users").expect(200); // the refused logout did not end the session

		// the same form with its token goes through
		console.post("/users", "email", email, "name", "Real", "kind", "VENDOR", "roleId", vendorRole)
			.expectRedirect("/users");
		assertThat(api.get("/users" + Api.query("q", email), org.token()).expect(200).json().path("total").asLong())
			.isEqualTo(1);
		assertThat(fixtures.audit(org.token(), AuditAction.USER_INVITED.value()).get(0).path("actorId").asString())
			.isEqualTo(admin.id().toString());
		mailbox.await(email, Fixtures.INVITATION_SUBJECT);

		// refused, and said so: 403, not a redirect to the sign-in page
		missing.expect(403);
		wrong.expect(403);
		logout.expect(403);
		forgedSignIn.expect(403);
		forgedSignUp.expect(403);
	}

	@Test
	void theSessionIdChangesAtSignInAndTheOldOneSignsNobodyIn() {
		Console console = fixtures.console();
		console.get("/login").expect(200);
		String anonymous = console.sessionCookie().orElseThrow(() -> new AssertionError("no session for the CSRF token"));

		Page password = console.post("/login", "organization", org.slug(), "email", admin.email(), "password", PASSWORD)
			.expectRedirect("/login/challenge");
		assertThat(password.setCookie(SESSION_COOKIE).orElseThrow(() -> new AssertionError("no new session id")))
			.isNotEqualTo(anonymous);
		Page signedIn = passChallenge(console);

		String session = signedIn.setCookie(SESSION_COOKIE).orElseThrow(() -> new AssertionError("no new session id"));
		assertThat(session).isNotEqualTo(anonymous);
		assertThat(signedIn.setCookieHeader(SESSION_COOKIE).orElseThrow()).containsIgnoringCase("HttpOnly")
			.containsIgnoringCase("SameSite=Lax");
		console.get("/users").expect(200);
		Console.withCookie(api.port(), SESSION_COOKIE, anonymous).get("/users").expectRedirect("/login");
		Console.withCookie(api.port(), SESSION_COOKIE, session).get("/users").expect(200);
	}

	@Test
	void theSessionIdChangesAgainWhenTheSecondFactorIsPassed() {
		Console console = fixtures.console();
		Page password = console.signIn(org.slug(), org.chiefEmail(), PASSWORD).expectRedirect("/login/challenge");
		String halfway = password.setCookie(SESSION_COOKIE).orElseThrow();
		console.get("/users").expectRedirect("/login/challenge");

		console.get("/login/challenge").expect(200);
		clock.advanceToNextTotpStep(); // the enrollment used the current step's code
		Page passed = console.post("/login/challenge", "code", fixtures.totp(org.totpSecret())).expectRedirect("/");

		String done = passed.setCookie(SESSION_COOKIE).orElseThrow(() -> new AssertionError("no new session id"));
		assertThat(done).isNotEqualTo(halfway);
		console.get("/users").expect(200);
		Console.withCookie(api.port(), SESSION_COOKIE, halfway).get("/users").expectRedirect("/login");
	}

	@Test
	void signingOutEndsTheSessionSoItsCookieNoLongerReachesAnything() {
		Console console = fixtures.console();
		console.signIn(org.slug(), admin.email(), PASSWORD).expectRedirect("/login/challenge");
		passChallenge(console);
		String session = console.sessionCookie().orElseThrow();
		console.get("/users").expect(200);

		console.post("/logout").expectRedirect("/login?signedOut");

		Console stale = Console.withCookie(api.port(), SESSION_COOKIE, session);
		stale.get("/users").expectRedirect("/login");
		stale.get("/account").expectRedirect("/login");
		assertThat(stale.get("/").expect(200).html().selectFirst("#welcome")).isNull();
		console.get("/users").expectRedirect("/login");
	}

	@Test
	void aHalfSignedInSessionReachesNothingButItsEnrollment() {
		String slug = uniqueSlug();
		String email = uniqueEmail("chief");
		api.post("/organizations", Fixtures.signUpBody(slug, email)).expect(201);
		fixtures.verifyPrimaryEmail(email);
		Console console = fixtures.console();
		console.signIn(slug, email, PASSWORD).expectRedirect("/login/enroll");

		for (String page : new String[] { "/", "/users", "/roles", "/account", "/security", "/audit",
				"/users/" + UUID.randomUUID() }) {
			console.get(page).expectRedirect("/login/enroll");
		}
		Page enroll = console.get("/login/enroll").expect(200);
		assertThat(enroll.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
		String invited = uniqueEmail("sneaky");
		console.post("/users", "email", invited, "name", "Sneaky", "kind", "VENDOR", "roleId", UUID.randomUUID().toString())
			.expectRedirect("/login/enroll");
		console.post("/roles", "name", "Sneaky", "permissions", "users.manage").expectRedirect("/login/enroll");
		assertThat(mailbox.queuedFor(invited)).isZero();
		api.get("/me").expectProblem(401, "unauthenticated"); // the API never takes the console's cookie anyway

		// finishing the enrollment opens the console, under yet another session id
		String halfway = console.sessionCookie().orElseThrow();
		enroll = console.get("/login/enroll").expect(200);
		String key = enroll.html().selectFirst("#manual-key").text();
		Page done = console.post("/login/enroll", "label", "Phone", "code", fixtures.totp(key)).expect(200);
		assertThat(done.html().select("li, code").text()).isNotBlank();
		assertThat(done.setCookie(SESSION_COOKIE).orElseThrow()).isNotEqualTo(halfway);
		console.get("/users").expect(200);
		console.get("/roles").expect(200);
	}

}
