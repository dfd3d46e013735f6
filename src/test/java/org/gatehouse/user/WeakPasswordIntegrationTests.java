package org.gatehouse.user;

import org.gatehouse.support.Api;
import org.gatehouse.support.Fixtures.Org;
import org.gatehouse.support.IntegrationTest;
import org.gatehouse.support.IntegrationTestBase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gatehouse.support.Api.json;
import static org.gatehouse.support.Fixtures.INVITATION_SUBJECT;
import static org.gatehouse.support.Fixtures.PASSWORD;
import static org.gatehouse.support.Fixtures.signUpBody;
import static org.gatehouse.support.Fixtures.uniqueEmail;
import static org.gatehouse.support.Fixtures.uniqueSlug;

/**
 * Every way a password is set, sign-up and accepting an invitation, refuses a common, repetitive or
 * sequential password and one made of the organization or the email: 400 with the reason, the password
 * never repeated, nothing created and the invitation still usable.
 */
@IntegrationTest
class WeakPasswordIntegrationTests extends IntegrationTestBase {

	static java.util.Map<String, Object> withPassword(java.util.Map<String, Object> body, String password) {
		java.util.Map<String, Object> changed = new java.util.LinkedHashMap<>(body);
		changed.put("ownerPassword", password);
		return changed;
	}

	@Test
	void signUpRefusesCommonRepetitiveAndSequentialPasswordsAndCreatesNothing() {
		for (String weak : new String[] { "password1234", "aaaaaaaaaaaa", "123456789012" }) {
			String slug = uniqueSlug();
			String email = uniqueEmail("chief");
			Api.Response refused = api.post("/organizations", withPassword(signUpBody(slug, email), weak));

			refused.expectProblem(400, "invalid-input");
			assertThat(refused.body()).doesNotContain(weak);
			assertThat(jdbc.sql("SELECT count(*) FROM organization WHERE slug = ?").param(slug).query(Long.class).single())
				.isZero();
			assertThat(mailbox.queuedFor(email)).isZero();
		}
	}

	@Test
	void signUpRefusesThePasswordThatIsTheOrganizationsSlugOrTheOwnersEmail() {
		String slug = uniqueSlug();
		String email = uniqueEmail("chief");
		api.post("/organizations", withPassword(signUpBody(slug, email), slug)).expectProblem(400, "invalid-input");
		api.post("/organizations", withPassword(signUpBody(slug, email), email.substring(0, email.indexOf('@')) + "!"))
			.expectProblem(400, "invalid-input");

		api.post("/organizations", signUpBody(slug, email)).expect(201);
	}

	@Test
	void anInvitationRefusesAWeakPasswordAndStaysUsableForAGoodOne() {
		Org org = fixtures.organization();
		String email = uniqueEmail("vendor");
		fixtures.invite(org.token(), email, "Val Vendor", "VENDOR", fixtures.roleId(org, "Vendor")).expect(201);
		String token = mailbox.await(email, INVITATION_SUBJECT).token();

		for (String weak : new String[] { "password1234", "aaaaaaaaaaaa", org.slug() + "1", email }) {
			Api.Response refused = api.post("/invitations/accept", json("token", token, "password", weak));
			refused.expectProblem(400, "invalid-input");
			assertThat(refused.body()).doesNotContain(weak);
		}
		assertThat(jdbc.sql("SELECT status FROM app_user WHERE organization_id = ? AND email = ?")
			.params(org.id(), email).query(String.class).single()).isEqualTo("INVITED");

		api.post("/invitations/accept", json("token", token, "password", PASSWORD)).expect(204);
		assertThat(fixtures.password(org.slug(), email, PASSWORD).status()).isEqualTo(200);
	}

}
