package org.gatehouse.login;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.gatehouse.audit.AuditAction;
import org.gatehouse.login.internal.ConsoleSessionFilter;
import org.gatehouse.support.Api;
import org.gatehouse.support.Console;
import org.gatehouse.support.Fixtures.Enrolled;
import org.gatehouse.support.Fixtures.Member;
import org.gatehouse.support.Fixtures.Org;
import org.gatehouse.support.IntegrationTest;
import org.gatehouse.support.IntegrationTestBase;
import org.gatehouse.support.Mailbox;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gatehouse.support.Api.json;

/**
 * A recovery code is never the strongest factor (docs/security.md, step-up): a sign-in with one may
 * replace the person's own device, and nothing else that needs step-up. The attacker holds an
 * administrator's password and one of their recovery codes.
 */
@IntegrationTest
class RecoveryCodeSignInIntegrationTests extends IntegrationTestBase {

	Org org;

	/** The chief operator's recovery codes. */
	List<String> codes;

	/** An employee with a device: the target of the administrator's actions. */
	Member employee;

	@BeforeEach
	void organizationWithAnEnrolledEmployee() {
		org = fixtures.organization();
		codes = new ArrayList<>();
		api.post("/me/recovery-codes", null, org.token()).expect(200).json().path("recoveryCodes")
			.forEach(code -> codes.add(code.asString()));
		Member invited = fixtures.member(org, "Employee", "EMPLOYEE");
		Enrolled enrolled = fixtures.signInThroughEnrollment(org.slug(), invited.email(), invited.password());
		employee = invited.withToken(enrolled.accessToken());
	}

	/** Password, then a recovery code instead of a TOTP code: the access token of that sign-in. */
	String signInWithRecoveryCode(String code) {
		String loginToken = fixtures.password(org.slug(), org.chiefEmail(), org.password()).expect(200).text("loginToken");
		Api.Response done = api.post("/login/mfa", json("loginToken", loginToken, "code", code)).expect(200);
		assertThat(done.json().path("replaceLostDevice").asBoolean()).isTrue();
		return done.text("accessToken");
	}

	Api.Response disableEmployeesMfa(String token) {
		return api.post("/users/" + employee.id() + "/mfa/disable", json("reason", "lost phone"), token);
	}

	@Test
	void aRecoveryCodeSignInCannotResetMfaGrantAnExemptionEditARoleOrHandOverTheTitle() {
		String token = signInWithRecoveryCode(codes.get(0));
		UUID employeeRole = fixtures.roleId(org, "Employee");
		String until = clock.instant().plus(Duration.ofDays(2)).toString();

		disableEmployeesMfa(token).expectProblem(403, "step-up-required");
		api.post("/users/" + employee.id() + "/mfa/exemption", json("until", until, "reason", "phone in repair"), token)
			.expectProblem(403, "step-up-required");
		api.patch("/roles/" + employeeRole, json("requireMfa", false, "reason", "no phones"), token)
			.expectProblem(403, "step-up-required");
		api.post("/organization/chief-operator", json("userId", employee.id()), token)
			.expectProblem(403, "step-up-required");
		api.post("/me/step-up", json("code", codes.get(1)), token).expectProblem(401, "sign-in-failed");

		JsonNode target = api.get("/users/" + employee.id(), org.token()).expect(200).json();
		assertThat(target.path("mfa").path("authenticators").asInt()).isEqualTo(1);
		assertThat(target.path("mfa").path("exemptUntil").isMissingNode()).isTrue();
		assertThat(api.get("/me", employee.token()).expect(200).text("id")).isEqualTo(employee.id().toString());
		assertThat(api.get("/roles/" + employeeRole, org.token()).expect(200).json().path("requireMfa").asBoolean())
			.isTrue();
		assertThat(api.get("/me", token).expect(200).json().path("chiefOperator").asBoolean()).isTrue();
		assertThat(fixtures.audit(org.token(), AuditAction.MFA_RESET.value())).isEmpty();
		assertThat(fixtures.audit(org.token(), AuditAction.USER_MFA_EXEMPTION_GRANTED.value())).isEmpty();
		assertThat(fixtures.audit(org.token(), AuditAction.ROLE_MFA_REQUIREMENT_CHANGED.value())).isEmpty();
		assertThat(fixtures.audit(org.token(), AuditAction.ORGANIZATION_CHIEF_OPERATOR_CHANGED.value())).isEmpty();
		assertThat(fixtures.audited(org.token(), AuditAction.MFA_RECOVERY_CODE_USED.value(), org.chiefId())).isNotNull();
		assertThat(mailbox.await(org.chiefEmail(), "recovery code was used").body()).doesNotContain(codes.get(0));

		// the same token, once the authenticator is confirmed, may do what the refusals were about
		clock.advanceToNextTotpStep();
		api.post("/me/step-up", json("code", fixtures.totp(org.totpSecret())), token).expect(204);
		disableEmployeesMfa(token).expect(200);
		assertThat(fixtures.audited(org.token(), AuditAction.MFA_RESET.value(), employee.id())).isNotNull();
	}

	@Test
	void aRecoveryCodeSignInReplacesTheOwnLostDeviceButTheNewDeviceDoesNotOpenStepUpInThatSignIn() {
		String token = signInWithRecoveryCode(codes.get(0));
		String lost = api.get("/me/authenticators", token).expect(200).json().get(0).path("id").asString();

		Api.Response started = api.post("/me/authenticators", json("label", "New phone"), token).expect(201);
		clock.advanceToNextTotpStep();
		api.post("/me/authenticators/" + started.text("authenticatorId") + "/confirm",
				json("code", fixtures.totp(started.text("secret"))), token).expect(200);
		api.delete("/me/authenticators/" + lost, token).expect(204);
		assertThat(api.post("/me/recovery-codes", null, token).expect(200).json().path("recoveryCodes")).hasSize(10);

		JsonNode devices = api.get("/me/authenticators", token).expect(200).json();
		assertThat(devices).hasSize(1);
		assertThat(devices.get(0).path("label").asString()).isEqualTo("New phone");
		assertThat(fixtures.audited(org.token(), AuditAction.MFA_AUTHENTICATOR_ADDED.value(), org.chiefId()).path("details")
			.path("label").asString()).isEqualTo("New phone");
		assertThat(fixtures.audited(org.token(), AuditAction.MFA_AUTHENTICATOR_REMOVED.value(), org.chiefId())).isNotNull();
		Awaitility.await().atMost(Mailbox.PATIENCE).until(() -> mailbox.receivedBy(org.chiefEmail()).stream()
			.anyMatch(m -> m.subject().contains("new authenticator") && m.body().contains("New phone")));

		disableEmployeesMfa(token).expectProblem(403, "step-up-required");
		assertThat(api.get("/users/" + employee.id(), org.token()).expect(200).json().path("mfa").path("authenticators")
			.asInt()).isEqualTo(1);
		assertThat(fixtures.audit(org.token(), AuditAction.MFA_RESET.value())).isEmpty();
	}

	@Test
	void theDeviceReplacementARecoveryCodeOpensEndsTenMinutesAfterThatSignIn() {
		String token = signInWithRecoveryCode(codes.get(0));
		clock.advance(Duration.ofMinutes(11));
		api.post("/me/authenticators", json("label", "Late", "replace", true), token)
			.expectProblem(403, "step-up-required");
		api.post("/me/recovery-codes", null, token).expectProblem(403, "step-up-required");
		assertThat(api.get("/me/authenticators", token).expect(200).json()).hasSize(1);
	}

	@Test
	void aRecoveryCodeInTheConsoleOpensTheDeviceReplacementButNotTheAdministratorsActions() {
		Console console = fixtures.console();
		console.signIn(org.slug(), org.chiefEmail(), org.password()).expectRedirect("/login/challenge");
		console.get("/login/challenge").expect(200);
		console.post("/login/challenge", "code", codes.get(0)).expectRedirect("/account");
		assertThat(console.get("/account/authenticators/new?replace=true").expect(200).html().selectFirst("#manual-key"))
			.isNotNull();

		console.post("/users/" + employee.id() + "/mfa/disable", "reason", "lost phone")
			.expectRedirect("/users/" + employee.id());
		assertThat(console.get("/users/" + employee.id()).expect(200).body())
			.contains("A recovery code lets you replace your own device");
		UUID employeeRole = fixtures.roleId(org, "Employee");
		console.post("/roles/" + employeeRole, "name", "Employee", "permissions", "users.read", "reason", "no phones")
			.expectRedirect("/roles/" + employeeRole);

		assertThat(api.get("/users/" + employee.id(), org.token()).expect(200).json().path("mfa").path("authenticators")
			.asInt()).isEqualTo(1);
		assertThat(api.get("/roles/" + employeeRole, org.token()).expect(200).json().path("requireMfa").asBoolean())
			.isTrue();
		assertThat(fixtures.audit(org.token(), AuditAction.MFA_RESET.value())).isEmpty();
	}

	/** What a console session held before the strong factor was remembered apart from the second step. */
	record SignedInBefore(UUID organizationId, UUID userId, int securityEpoch, Instant authenticatedAt,
			Instant passwordAt, Instant secondFactorAt) implements Serializable {
	}

	@Test
	void aConsoleSessionWrittenBeforeTheStrongFactorWasRememberedStillLoadsAndMustConfirmTheAuthenticator()
			throws IOException {
		Console console = fixtures.console();
		console.signIn(org.slug(), org.chiefEmail(), org.password()).expectRedirect("/login/challenge");
		clock.advanceToNextTotpStep();
		console.post("/login/challenge", "code", fixtures.totp(org.totpSecret())).expectRedirect("/");
		console.get("/users").expect(200);

		// the session is saved as its response completes, so the row may come a moment after the page
		Awaitility.await().atMost(Mailbox.PATIENCE).until(this::rewriteTheChiefsSessionInTheEarlierShape);

		console.get("/users").expect(200);
		console.post("/users/" + employee.id() + "/mfa/disable", "reason", "lost phone")
			.expectRedirect("/users/" + employee.id());
		assertThat(api.get("/users/" + employee.id(), org.token()).expect(200).json().path("mfa").path("authenticators")
			.asInt()).isEqualTo(1);
		clock.advanceToNextTotpStep();
		console.post("/account/step-up", "code", fixtures.totp(org.totpSecret())).expectRedirect("/account");
		console.post("/users/" + employee.id() + "/mfa/disable", "reason", "lost phone")
			.expectRedirect("/users/" + employee.id());
		assertThat(api.get("/users/" + employee.id(), org.token()).expect(200).json().path("mfa").path("authenticators")
			.asInt()).isZero();
	}

	private boolean rewriteTheChiefsSessionInTheEarlierShape() throws IOException {
		for (var row : jdbc.sql("SELECT session_primary_id, attribute_bytes FROM spring_session_attributes "
				+ "WHERE attribute_name = ?").param(ConsoleSessionFilter.ATTRIBUTE).query().listOfRows()) {
			if (read((byte[]) row.get("attribute_bytes")) instanceof SignedIn s && s.userId().equals(org.chiefId())) {
				byte[] before = writtenBefore(new SignedInBefore(s.organizationId(), s.userId(), s.securityEpoch(),
						s.authenticatedAt(), s.passwordAt(), s.secondFactorAt()));
				return jdbc.sql("UPDATE spring_session_attributes SET attribute_bytes = ? "
						+ "WHERE session_primary_id = ? AND attribute_name = ?")
					.params(before, row.get("session_primary_id"), ConsoleSessionFilter.ATTRIBUTE).update() == 1;
			}
		}
		return false;
	}

	private static Object read(byte[] bytes) {
		try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
			return in.readObject();
		}
		catch (IOException | ClassNotFoundException ex) {
			return null;
		}
	}

	/** The record serialized under the name of {@link SignedIn}, as the earlier shape of that class wrote it. */
	private static byte[] writtenBefore(SignedInBefore before) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
			out.writeObject(before);
		}
		return replaceName(bytes.toByteArray(), SignedInBefore.class.getName(), SignedIn.class.getName());
	}

	/** Swaps a class name in a serialization stream, with its two-byte length in front. */
	private static byte[] replaceName(byte[] stream, String from, String to) {
		byte[] old = utf(from);
		byte[] replacement = utf(to);
		for (int i = 0; i <= stream.length - old.length; i++) {
			if (java.util.Arrays.equals(stream, i, i + old.length, old, 0, old.length)) {
				byte[] result = new byte[stream.length - old.length + replacement.length];
				System.arraycopy(stream, 0, result, 0, i);
				System.arraycopy(replacement, 0, result, i, replacement.length);
				System.arraycopy(stream, i + old.length, result, i + replacement.length, stream.length - i - old.length);
				return result;
			}
		}
		throw new AssertionError(from + " is not in the stream");
	}

	private static byte[] utf(String name) {
		byte[] text = name.getBytes(StandardCharsets.UTF_8);
		byte[] result = new byte[text.length + 2];
		result[0] = (byte) (text.length >> 8);
		result[1] = (byte) text.length;
		System.arraycopy(text, 0, result, 2, text.length);
		return result;
	}

}
