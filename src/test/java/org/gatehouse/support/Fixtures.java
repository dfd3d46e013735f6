package org.gatehouse.support;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.gatehouse.mfa.internal.Base32Secret;
import org.gatehouse.mfa.internal.TotpCodes;
import tools.jackson.databind.JsonNode;

import static org.gatehouse.support.Api.json;

/**
 * Ready-made situations over the public API: a signed-up organization whose chief operator has
 * enrolled an authenticator and holds an access token, invited and accepted users, TOTP codes at
 * the application's (test) clock. Every name, slug and email is unique, so tests never collide in
 * the shared database.
 */
public final class Fixtures {

	public static final String BASE_URL = "https://gatehouse.test";
	public static final String PASSWORD = "correct horse battery staple";
	public static final String VERIFY_SUBJECT = "Confirm the primary email";
	public static final String INVITATION_SUBJECT = "You are invited";

	private static final TotpCodes TOTP = new TotpCodes();

	private final Api api;
	private final Mailbox mailbox;
	private final MutableClock clock;

	public Fixtures(Api api, Mailbox mailbox, MutableClock clock) {
		this.api = api;
		this.mailbox = mailbox;
		this.clock = clock;
	}

	/** An organization and its chief operator, signed in with an enrolled authenticator. */
	public record Org(UUID id, String slug, String name, UUID chiefId, String chiefEmail, String password,
			String token, String totpSecret) {
	}

	/** A user who accepted an invitation; {@code token} is null until signed in. */
	public record Member(UUID id, String email, String name, UUID roleId, String password, String token) {

		public Member withToken(String accessToken) {
			return new Member(id, email, name, roleId, password, accessToken);
		}

	}

	/** The end of an enrollment at sign-in. */
	public record Enrolled(String accessToken, String secret, List<String> recoveryCodes) {
	}

	// --- names ---

	public static String unique() {
		return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
	}

	public static String uniqueSlug() {
		return "org-" + unique();
	}

	public static String uniqueEmail(String who) {
		return who + "-" + unique() + "@example.test";
	}

	// --- organizations ---

	/** The body of a valid sign-up with fresh names. */
	public static java.util.Map<String, Object> signUpBody(String slug, String ownerEmail) {
		return json("name", "Org " + slug, "slug", slug, "ownerName", "Chief of " + slug, "ownerEmail", ownerEmail,
				"ownerPassword", PASSWORD);
	}

	/** Signs an organization up, verifies its primary email and enrolls the chief operator. */
	public Org organization() {
		String slug = uniqueSlug();
		String email = uniqueEmail("chief");
		JsonNode created = api.post("/organizations", signUpBody(slug, email)).expect(201).json();
		verifyPrimaryEmail(email);
		Enrolled enrolled = signInThroughEnrollment(slug, email, PASSWORD);
		return new Org(UUID.fromString(created.path("organizationId").asString()), slug, "Org " + slug,
				UUID.fromString(created.path("userId").asString()), email, PASSWORD, enrolled.accessToken(),
				enrolled.secret());
	}

	/** Redeems the verification link mailed to the primary email. */
	public void verifyPrimaryEmail(String email) {
		String token = mailbox.await(email, VERIFY_SUBJECT).token();
		api.post("/organizations/verify-email", json("token", token)).expect(204);
	}

	// --- sign-in ---

	/** The password step; the answer as it comes. */
	public Api.Response password(String slug, String email, String password) {
		return api.post("/login", json("organization", slug, "email", email, "password", password));
	}

	/** Signs in a user whose sign-in finishes with the password (no MFA owed). */
	public String accessToken(String slug, String email, String password) {
		Api.Response answer = password(slug, email, password).expect(200);
		if (!"DONE".equals(answer.text("next"))) {
			throw new AssertionError("expected the password alone to finish the sign-in: " + answer);
		}
		return answer.text("accessToken");
	}

	/** Password, then enrollment of a first authenticator labelled "Phone". */
	public Enrolled signInThroughEnrollment(String slug, String email, String password) {
		Api.Response answer = password(slug, email, password).expect(200);
		if (!"MFA_ENROLLMENT".equals(answer.text("next"))) {
			throw new AssertionError("expected enrollment to be owed: " + answer);
		}
		String loginToken = answer.text("loginToken");
		String secret = api.post("/login/enrollment", json("loginToken", loginToken)).expect(200).text("secret");
		JsonNode done = api.post("/login/enrollment/confirm",
				json("loginToken", loginToken, "code", totp(secret), "label", "Phone"))
			.expect(200)
			.json();
		List<String> codes = new ArrayList<>();
		done.path("recoveryCodes").forEach(code -> codes.add(code.asString()));
		return new Enrolled(done.path("accessToken").asString(), secret, codes);
	}

	/** Signs in with the password and a fresh TOTP code (the clock moves to the next step first). */
	public String signInWithTotp(String slug, String email, String password, String secret) {
		Api.Response answer = password(slug, email, password).expect(200);
		if (!"MFA_CHALLENGE".equals(answer.text("next"))) {
			throw new AssertionError("expected the MFA challenge: " + answer);
		}
		clock.advanceToNextTotpStep();
		return api.post("/login/mfa", json("loginToken", answer.text("loginToken"), "code", totp(secret)))
			.expect(200)
			.text("accessToken");
	}

	/** The chief operator signs in again (password and TOTP) and gets a new access token. */
	public String signInAgain(Org org) {
		return signInWithTotp(org.slug(), org.chiefEmail(), org.password(), org.totpSecret());
	}

	/** The TOTP code of a Base32 secret at the application's clock. */
	public String totp(String base32Secret) {
		return TOTP.codeAt(Base32Secret.decode(base32Secret), TotpCodes.stepAt(clock.instant()));
	}

	// --- roles and users ---

	/** The id of the organization's role with this name. */
	public UUID roleId(Org org, String name) {
		for (JsonNode role : api.get("/roles", org.token()).expect(200).json()) {
			if (role.path("name").asString().equals(name)) {
				return UUID.fromString(role.path("id").asString());
			}
		}
		throw new AssertionError("no role " + name + " in " + org.slug());
	}

	/** Creates a role as the chief operator. */
	public UUID createRole(Org org, String name, boolean requireMfa, String... permissions) {
		return UUID.fromString(api.post("/roles", json("name", name, "permissions", List.of(permissions),
				"requireMfa", requireMfa), org.token()).expect(201).text("id"));
	}

	/** Invites a user as {@code actorToken} and returns the answer. */
	public Api.Response invite(String actorToken, String email, String name, String kind, UUID roleId) {
		return api.post("/users", json("email", email, "name", name, "kind", kind, "roleId", roleId), actorToken);
	}

	/** Invites a user into the role (by name) and accepts the invitation with {@link #PASSWORD}. */
	public Member member(Org org, String roleName, String kind) {
		return member(org, roleId(org, roleName), kind, "Member " + unique());
	}

	public Member member(Org org, UUID roleId, String kind, String name) {
		String email = uniqueEmail(kind.toLowerCase(java.util.Locale.ROOT));
		UUID id = UUID.fromString(invite(org.token(), email, name, kind, roleId).expect(201).text("id"));
		acceptInvitation(email, PASSWORD);
		return new Member(id, email, name, roleId, PASSWORD, null);
	}

	/** Redeems the invitation mailed to {@code email}, setting the password. */
	public void acceptInvitation(String email, String password) {
		String token = mailbox.await(email, INVITATION_SUBJECT).token();
		api.post("/invitations/accept", json("token", token, "password", password)).expect(204);
	}

	/** A member whose role needs no MFA, signed in with the password alone. */
	public Member signedInMember(Org org, String roleName, String kind) {
		Member member = member(org, roleName, kind);
		return member.withToken(accessToken(org.slug(), member.email(), member.password()));
	}

	public Member signedInMember(Org org, UUID roleId, String kind) {
		Member member = member(org, roleId, kind, "Member " + unique());
		return member.withToken(accessToken(org.slug(), member.email(), member.password()));
	}

	/**
	 * An employee in a role of its own that may read users and needs no MFA: someone who reaches the
	 * console with the password alone.
	 */
	public Member consoleReader(Org org) {
		UUID role = createRole(org, "Console reader", false, "users.read");
		return member(org, role, "EMPLOYEE", "Rita Reader");
	}

	// --- audit ---

	/** The organization's audit events with this action, newest first, as {@code token} sees them. */
	public List<JsonNode> audit(String token, String action) {
		List<JsonNode> events = new ArrayList<>();
		api.get("/audit-events" + Api.query("action", action), token).expect(200).json().path("items")
			.forEach(events::add);
		return events;
	}

	/** The newest audit event with this action and target; fails when there is none. */
	public JsonNode audited(String token, String action, UUID targetId) {
		return audit(token, action).stream()
			.filter(e -> targetId == null || targetId.toString().equals(e.path("targetId").asString(null)))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no audit event " + action + " for " + targetId + " in "
					+ api.get("/audit-events", token).body()));
	}

	public Console console() {
		return new Console(api.port());
	}

	public Api api() {
		return api;
	}

	public Mailbox mailbox() {
		return mailbox;
	}

	public MutableClock clock() {
		return clock;
	}

}
