package org.gatehouse.organization;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.gatehouse.audit.AuditAction;
import org.gatehouse.support.Api;
import org.gatehouse.support.Fixtures;
import org.gatehouse.support.Fixtures.Enrolled;
import org.gatehouse.support.IntegrationTest;
import org.gatehouse.support.IntegrationTestBase;
import org.gatehouse.support.Mailbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gatehouse.support.Api.json;
import static org.gatehouse.support.Fixtures.PASSWORD;
import static org.gatehouse.support.Fixtures.VERIFY_SUBJECT;
import static org.gatehouse.support.Fixtures.signUpBody;
import static org.gatehouse.support.Fixtures.uniqueEmail;
import static org.gatehouse.support.Fixtures.uniqueSlug;

@IntegrationTest
class SignUpIntegrationTests extends IntegrationTestBase {

	@Test
	void signUpCreatesTheFourBuiltInRolesAndTheChiefOperatorWhoMustEnrollMfa() {
		String slug = uniqueSlug();
		String email = uniqueEmail("chief");
		JsonNode created = api.post("/organizations", signUpBody(slug, email)).expect(201).json();
		assertThat(created.path("slug").asString()).isEqualTo(slug);
		UUID organizationId = UUID.fromString(created.path("organizationId").asString());
		UUID chiefId = UUID.fromString(created.path("userId").asString());
		fixtures.verifyPrimaryEmail(email);

		// Administrator requires MFA: the chief operator's first sign-in owes an enrollment
		assertThat(fixtures.password(slug, email, PASSWORD).expect(200).text("next")).isEqualTo("MFA_ENROLLMENT");
		Enrolled enrolled = fixtures.signInThroughEnrollment(slug, email, PASSWORD);
		assertThat(enrolled.recoveryCodes()).hasSize(10);
		String token = enrolled.accessToken();

		JsonNode roles = api.get("/roles", token).expect(200).json();
		assertThat(roles).hasSize(4);
		assertThat(role(roles, "Administrator").path("requireMfa").asBoolean()).isTrue();
		assertThat(strings(role(roles, "Administrator").path("permissions")))
			.containsExactlyInAnyOrder("users.read", "users.manage", "roles.manage", "audit.read", "organization.manage");
		assertThat(role(roles, "Employee").path("requireMfa").asBoolean()).isTrue();
		assertThat(role(roles, "Vendor").path("requireMfa").asBoolean()).isFalse();
		assertThat(role(roles, "Client").path("requireMfa").asBoolean()).isFalse();

		JsonNode me = api.get("/me", token).expect(200).json();
		assertThat(me.path("id").asString()).isEqualTo(chiefId.toString());
		assertThat(me.path("email").asString()).isEqualTo(email);
		assertThat(me.path("organization").asString()).isEqualTo(slug);
		assertThat(me.path("kind").asString()).isEqualTo("EMPLOYEE");
		assertThat(me.path("role").path("name").asString()).isEqualTo("Administrator");
		assertThat(me.path("role").path("requireMfa").asBoolean()).isTrue();
		assertThat(me.path("chiefOperator").asBoolean()).isTrue();

		JsonNode signedUp = fixtures.audited(token, AuditAction.ORGANIZATION_SIGNED_UP.value(), organizationId);
		assertThat(signedUp.path("actorId").asString()).isEqualTo(chiefId.toString());
	}

	@Test
	void signUpMailsASingleUseVerificationLinkToThePrimaryEmail() {
		String slug = uniqueSlug();
		String email = uniqueEmail("chief");
		api.post("/organizations", signUpBody(slug, email)).expect(201);

		Mailbox.Message message = mailbox.await(email, VERIFY_SUBJECT);
		assertThat(message.subject()).contains("Org " + slug);
		assertThat(message.link()).startsWith(Fixtures.BASE_URL + "/verify-email?token=");
		assertThat(message.token()).hasSizeGreaterThanOrEqualTo(22); // at least 128 bits
		assertThat(message.body()).doesNotContain(PASSWORD);
		assertThat(mailbox.queuedFor(email)).isEqualTo(1);
	}

	@Test
	void redeemingTheVerificationLinkMarksThePrimaryEmailVerifiedAndASecondRedemptionAnswers410() {
		String slug = uniqueSlug();
		String email = uniqueEmail("chief");
		UUID organizationId = UUID.fromString(
				api.post("/organizations", signUpBody(slug, email)).expect(201).text("organizationId"));
		String token = mailbox.await(email, VERIFY_SUBJECT).token();
		assertThat(verified(organizationId)).isFalse();

		api.post("/organizations/verify-email", json("token", token)).expect(204);
		assertThat(verified(organizationId)).isTrue();

		api.post("/organizations/verify-email", json("token", token)).expectProblem(410, "gone");
		api.post("/organizations/verify-email", json("token", token + "x")).expectProblem(410, "gone");

		String access = fixtures.signInThroughEnrollment(slug, email, PASSWORD).accessToken();
		assertThat(api.get("/me", access).expect(200).json().path("chiefOperator").asBoolean()).isTrue();
		List<JsonNode> verified = fixtures.audit(access, AuditAction.ORGANIZATION_PRIMARY_EMAIL_VERIFIED.value());
		assertThat(verified).hasSize(1);
		assertThat(verified.get(0).path("targetId").asString()).isEqualTo(organizationId.toString());
		assertThat(verified.get(0).path("outcome").asString()).isEqualTo("SUCCESS");
	}

	@Test
	void aSlugThatIsTakenAnswers409AndCreatesNothing() {
		String slug = uniqueSlug();
		api.post("/organizations", signUpBody(slug, uniqueEmail("chief"))).expect(201);

		String second = uniqueEmail("other");
		api.post("/organizations", signUpBody(slug, second)).expectProblem(409, "conflict");
		api.post("/organizations", signUpBody(slug.toUpperCase(), second)).expectProblem(409, "conflict");

		assertThat(count("SELECT COUNT(*) FROM organization WHERE slug = ?", slug)).isEqualTo(1);
		assertThat(count("SELECT COUNT(*) FROM app_user WHERE email = ?", second)).isZero();
		assertThat(mailbox.queuedFor(second)).isZero();
		fixtures.password(slug, second, PASSWORD).expectProblem(401, "sign-in-failed");
	}

	static Stream<Arguments> invalidSignUps() {
		String valid = "\"name\":\"Acme\",\"slug\":\"$SLUG\",\"ownerName\":\"Ada\",\"ownerEmail\":\"$EMAIL\","
				+ "\"ownerPassword\":\"" + PASSWORD + "\"";
		List<Arguments> cases = new ArrayList<>();
		for (String slug : List.of("ab", "-leading-$SUFFIX", "trailing-$SUFFIX-", "has space $SUFFIX",
				"double--hyphen-$SUFFIX", "under_score_$SUFFIX", "api", "support", "ünicode-$SUFFIX",
				"x".repeat(64))) {
			cases.add(Arguments.of("slug " + slug,
					"{" + valid.replace("\"$SLUG\"", "\"" + slug + "\"") + "}", slug.replace("$SUFFIX", "")));
		}
		for (String field : List.of("name", "slug", "ownerName", "ownerEmail", "ownerPassword")) {
			String without = valid.replaceAll("\"" + field + "\":\"[^\"]*\",?", "").replaceAll(",$", "");
			cases.add(Arguments.of("missing " + field, "{" + without + "}", null));
			cases.add(Arguments.of("blank " + field,
					"{" + valid.replaceAll("\"" + field + "\":\"[^\"]*\"", "\"" + field + "\":\"  \"") + "}", null));
		}
		cases.add(Arguments.of("invalid email", "{" + valid.replace("$EMAIL", "not-an-email") + "}", null));
		cases.add(Arguments.of("short password",
				"{" + valid.replace(PASSWORD, "short") + "}", null));
		cases.add(Arguments.of("password equal to the email",
				"{" + valid.replace(PASSWORD, "$EMAIL") + "}", null));
		cases.add(Arguments.of("malformed JSON", "{" + valid, null));
		cases.add(Arguments.of("not JSON at all", "slug=$SLUG", null));
		cases.add(Arguments.of("empty body", "", null));
		cases.add(Arguments.of("an array", "[" + "{" + valid + "}" + "]", null));
		cases.add(Arguments.of("name as an object", "{" + valid.replace("\"name\":\"Acme\"", "\"name\":{\"x\":1}") + "}", null));
		cases.add(Arguments.of("slug as an array", "{" + valid.replace("\"slug\":\"$SLUG\"", "\"slug\":[\"$SLUG\"]") + "}", null));
		cases.add(Arguments.of("email as an object",
				"{" + valid.replace("\"ownerEmail\":\"$EMAIL\"", "\"ownerEmail\":{\"address\":\"$EMAIL\"}") + "}", null));
		cases.add(Arguments.of("password as an array",
				"{" + valid.replace("\"" + PASSWORD + "\"", "[\"" + PASSWORD + "\"]") + "}", null));
		return cases.stream();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("invalidSignUps")
	void anInvalidSignUpAnswers400ProblemAndCreatesNothing(String description, String template, String fixedSlug) {
		String slug = uniqueSlug();
		String email = uniqueEmail("chief");
		String body = template.replace("$SLUG", slug).replace("$EMAIL", email).replace("$SUFFIX", Fixtures.unique());

		Api.Response answer = api.sendRaw("POST", "/organizations", body, null);

		answer.expectProblem(400, "invalid-input");
		assertThat(answer.body()).doesNotContain("Exception").doesNotContain(PASSWORD);
		assertThat(count("SELECT COUNT(*) FROM organization WHERE slug = ?", slug)).isZero();
		if (fixedSlug != null) {
			assertThat(count("SELECT COUNT(*) FROM organization WHERE slug = ?", fixedSlug)).isZero();
		}
		assertThat(count("SELECT COUNT(*) FROM app_user WHERE email = ?", email)).isZero();
		assertThat(mailbox.queuedFor(email)).isZero();
	}

	private boolean verified(UUID organizationId) {
		return count("SELECT COUNT(*) FROM organization WHERE id = ? AND primary_email_verified_at IS NOT NULL",
				organizationId) == 1;
	}

	private long count(String sql, Object... params) {
		return jdbc.sql(sql).params(params).query(Long.class).single();
	}

	private static JsonNode role(JsonNode roles, String name) {
		for (JsonNode role : roles) {
			if (role.path("name").asString().equals(name)) {
				return role;
			}
		}
		throw new AssertionError("no role " + name + " in " + roles);
	}

	private static List<String> strings(JsonNode array) {
		List<String> values = new ArrayList<>();
		array.forEach(v -> values.add(v.asString()));
		return values;
	}

}
