package org.gatehouse.mfa;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.imageio.ImageIO;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import org.gatehouse.audit.AuditAction;
import org.gatehouse.mfa.internal.Base32Secret;
import org.gatehouse.mfa.internal.TotpCodes;
import org.gatehouse.support.Api;
import org.gatehouse.support.Fixtures.Org;
import org.gatehouse.support.IntegrationTest;
import org.gatehouse.support.IntegrationTestBase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gatehouse.support.Api.json;

/**
 * The challenge as docs/security.md's second-factor table says: the server's step ±1, each step once per
 * device (a replay answers exactly like a wrong code), a real authenticator app's codes, and
 * secrets bound to their row.
 */
@IntegrationTest
class TotpChallengeIntegrationTests extends IntegrationTestBase {

	static final TotpCodes TOTP = new TotpCodes();

	Org org;

	@BeforeEach
	void organizationWhoseEnrollmentStepIsPast() {
		org = fixtures.organization();
		clock.advanceToNextTotpStep();
		clock.advanceToNextTotpStep();
	}

	String loginToken() {
		Api.Response answer = fixtures.password(org.slug(), org.chiefEmail(), org.password()).expect(200);
		assertThat(answer.text("next")).isEqualTo("MFA_CHALLENGE");
		return answer.text("loginToken");
	}

	String codeAtOffset(int steps) {
		return TOTP.codeAt(Base32Secret.decode(org.totpSecret()), TotpCodes.stepAt(clock.instant()) + steps);
	}

	Api.Response challenge(String loginToken, String code) {
		return api.post("/login/mfa", json("loginToken", loginToken, "code", code));
	}

	@Test
	void acceptsThePreviousAndTheNextStepButNotTwoAway() {
		String token = loginToken();
		challenge(token, codeAtOffset(-2)).expectProblem(401, "sign-in-failed");
		challenge(token, codeAtOffset(2)).expectProblem(401, "sign-in-failed");
		assertThat(challenge(token, codeAtOffset(-1)).expect(200).text("accessToken")).isNotBlank();

		assertThat(challenge(loginToken(), codeAtOffset(1)).expect(200).text("accessToken")).isNotBlank();
	}

	@Test
	void refusesACodeOfAStepAlreadyUsedWithExactlyTheAnswerOfAWrongCode() {
		String code = codeAtOffset(0);
		challenge(loginToken(), code).expect(200);

		Api.Response replay = challenge(loginToken(), code);
		Api.Response wrong = challenge(loginToken(), code.equals("000000") ? "111111" : "000000");

		replay.expectProblem(401, "sign-in-failed");
		assertThat(replay.status()).isEqualTo(wrong.status());
		assertThat(replay.body()).isEqualTo(wrong.body().replace(wrong.text("instance"), replay.text("instance")));
		assertThat(fixtures.audit(org.token(), AuditAction.MFA_LOCKED.value())).isEmpty();
	}

	@Test
	void theSameCodeSentByTwentyThreadsAtOnceSucceedsExactlyOnce() throws Exception {
		List<String> tokens = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			tokens.add(loginToken());
		}
		String code = codeAtOffset(0);
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(20);
		try {
			List<Future<Api.Response>> answers = new ArrayList<>();
			for (String token : tokens) {
				Callable<Api.Response> attempt = () -> {
					start.await();
					return challenge(token, code);
				};
				answers.add(pool.submit(attempt));
			}
			start.countDown();
			int successes = 0;
			for (Future<Api.Response> answer : answers) {
				Api.Response response = answer.get();
				assertThat(response.status()).isIn(200, 401, 429);
				successes += response.status() == 200 ? 1 : 0;
			}
			assertThat(successes).isEqualTo(1);
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void aLoginTokenFinishesOneSignInAndBecomesItsAccessToken() {
		long rowsBefore = tokenRows();
		String token = loginToken();
		assertThat(tokenRows()).isEqualTo(rowsBefore + 1);

		String access = challenge(token, codeAtOffset(-1)).expect(200).text("accessToken");

		assertThat(tokenRows()).as("the login token's row now holds the access token").isEqualTo(rowsBefore + 1);
		assertThat(api.get("/me", access).expect(200).text("email")).isEqualTo(org.chiefEmail());
		challenge(token, codeAtOffset(0)).expectProblem(401, "sign-in-failed");
		api.get("/me", token).expectProblem(401, "unauthenticated");
		assertThat(api.get("/me", access).expect(200).text("email")).isEqualTo(org.chiefEmail());
	}

	@Test
	void threeValidCodesSentAtOnceWithOneLoginTokenFinishOneSignIn() throws Exception {
		for (int round = 0; round < 5; round++) {
			clock.advanceToNextTotpStep();
			clock.advanceToNextTotpStep();
			String token = loginToken();
			List<String> codes = List.of(codeAtOffset(-1), codeAtOffset(0), codeAtOffset(1));
			CountDownLatch start = new CountDownLatch(1);
			ExecutorService pool = Executors.newFixedThreadPool(codes.size());
			try {
				List<Future<Api.Response>> answers = new ArrayList<>();
				for (String code : codes) {
					answers.add(pool.submit(() -> {
						start.await();
						return challenge(token, code);
					}));
				}
				start.countDown();
				List<String> accessTokens = new ArrayList<>();
				for (Future<Api.Response> answer : answers) {
					Api.Response response = answer.get();
					assertThat(response.status()).isIn(200, 401);
					if (response.status() == 200) {
						accessTokens.add(response.text("accessToken"));
					}
				}
				assertThat(accessTokens).as("round " + round).hasSize(1);
				api.get("/me", accessTokens.get(0)).expect(200);
			}
			finally {
				pool.shutdownNow();
			}
		}
	}

	long tokenRows() {
		return jdbc.sql("SELECT count(*) FROM api_token WHERE organization_id = ? AND user_id = ?")
			.params(org.id(), org.chiefId()).query(Long.class).single();
	}

	@Test
	void aCodeFromOathtoolSignsIn() throws Exception {
		String token = loginToken();
		String code = oathtool(org.totpSecret(), clock.instant().getEpochSecond());
		assertThat(code).matches("\\d{6}");
		assertThat(challenge(token, code).expect(200).text("next")).isEqualTo("DONE");
	}

	static String oathtool(String secret, long epochSecond) throws Exception {
		Process process = new ProcessBuilder("oathtool", "--totp", "-b", "--now", "@" + epochSecond, secret)
			.redirectErrorStream(true).start();
		String out = new String(process.getInputStream().readAllBytes()).strip();
		assertThat(process.waitFor()).as("oathtool: " + out).isZero();
		return out;
	}

	@Test
	void theQrCodeDecodesToExactlyTheKeyUri() throws Exception {
		Api.Response started = api.post("/me/authenticators", json("label", "Tablet"), fixtures.signInAgain(org))
			.expect(201);
		String qr = started.text("qrCode");
		assertThat(qr).startsWith("data:image/png;base64,");
		BufferedImage image = ImageIO.read(new ByteArrayInputStream(
				Base64.getDecoder().decode(qr.substring("data:image/png;base64,".length()))));
		String decoded = new MultiFormatReader()
			.decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)))).getText();
		assertThat(decoded).isEqualTo(started.text("otpauthUri"));
		assertThat(decoded).startsWith("otpauth://totp/").contains("secret=" + started.text("secret"))
			.contains("algorithm=SHA1&digits=6&period=30");
		assertThat(started.header("Cache-Control").orElse("")).contains("no-store");
	}

	@Test
	void aCiphertextCopiedToAnotherAuthenticatorsRowFailsToVerify() {
		Org other = fixtures.organization();
		UUID mine = deviceId(org);
		UUID theirs = deviceId(other);
		byte[] ciphertext = jdbc.sql("SELECT secret_ciphertext FROM authenticator WHERE id = ?").param(mine)
			.query(byte[].class).single();
		String keyId = jdbc.sql("SELECT key_id FROM authenticator WHERE id = ?").param(mine).query(String.class).single();
		jdbc.sql("UPDATE authenticator SET secret_ciphertext = ?, key_id = ? WHERE id = ?").params(ciphertext, keyId, theirs)
			.update();

		clock.advanceToNextTotpStep();
		Api.Response password = fixtures.password(other.slug(), other.chiefEmail(), other.password()).expect(200);
		String copiedSecretsCode = codeAtOffset(0);
		challenge(password.text("loginToken"), copiedSecretsCode).expectProblem(401, "sign-in-failed");
	}

	UUID deviceId(Org o) {
		return jdbc.sql("SELECT id FROM authenticator WHERE organization_id = ? AND user_id = ?")
			.params(o.id(), o.chiefId()).query(UUID.class).single();
	}

}
