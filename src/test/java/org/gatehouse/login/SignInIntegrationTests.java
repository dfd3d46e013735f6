package org.gatehouse.login;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.gatehouse.support.Api;
import org.gatehouse.support.Fixtures.Member;
import org.gatehouse.support.Fixtures.Org;
import org.gatehouse.support.IntegrationTest;
import org.gatehouse.support.IntegrationTestBase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gatehouse.support.Api.json;
import static org.gatehouse.support.Fixtures.PASSWORD;
import static org.gatehouse.support.Fixtures.uniqueEmail;
import static org.gatehouse.support.Fixtures.uniqueSlug;

/**
 * The password step (docs/security.md, promise 6): unknown organization, unknown user, wrong password
 * and a disabled user are indistinguishable, and guessing slows down without ever locking out.
 */
@IntegrationTest
class SignInIntegrationTests extends IntegrationTestBase {

	static final String WRONG = "not the password at all";

	Org org;

	Member vendor;

	Member disabled;

	@BeforeEach
	void organizationWithAnActiveAndADisabledUser() {
		org = fixtures.organization();
		vendor = fixtures.member(org, "Vendor", "VENDOR");
		disabled = fixtures.member(org, "Vendor", "VENDOR");
		api.post("/users/" + disabled.id() + "/disable", json("reason", "left the company"), org.token()).expect(200);
	}

	/** The four ways to be wrong, each as (organization, email, password). */
	Map<String, String[]> wrongSignIns() {
		Map<String, String[]> cases = new LinkedHashMap<>();
		cases.put("unknown organization", new String[] { uniqueSlug(), vendor.email(), PASSWORD });
		cases.put("unknown user", new String[] { org.slug(), uniqueEmail("nobody"), PASSWORD });
		cases.put("wrong password", new String[] { org.slug(), vendor.email(), WRONG });
		cases.put("disabled user (right password)", new String[] { org.slug(), disabled.email(), PASSWORD });
		return cases;
	}

	@Test
	void unknownOrganizationUnknownUserWrongPasswordAndDisabledUserGetExactlyTheSameAnswer() {
		String invited = uniqueEmail("invited");
		fixtures.invite(org.token(), invited, "Not Yet", "VENDOR", fixtures.roleId(org, "Vendor")).expect(201);
		Map<String, String[]> cases = wrongSignIns();
		cases.put("invited user without a password", new String[] { org.slug(), invited, PASSWORD });
		cases.put("chief operator, wrong password", new String[] { org.slug(), org.chiefEmail(), WRONG });
		cases.put("right email in other case, wrong password",
				new String[] { org.slug().toUpperCase(), vendor.email().toUpperCase(), WRONG });

		Api.Response reference = null;
		for (Map.Entry<String, String[]> wrong : cases.entrySet()) {
			String[] in = wrong.getValue();
			Api.Response answer = fixtures.password(in[0], in[1], in[2]);
			answer.expectProblem(401, "sign-in-failed");
			assertThat(answer.text("accessToken")).isNull();
			assertThat(answer.text("loginToken")).isNull();
			assertThat(answer.header("Set-Cookie")).isEmpty();
			if (reference == null) {
				reference = answer;
				continue;
			}
			assertThat(answer.body()).as(wrong.getKey()).isEqualTo(reference.body());
			assertThat(answer.header("Content-Type")).as(wrong.getKey()).isEqualTo(reference.header("Content-Type"));
		}
		// and the right password still works: none of this locked the account
		assertThat(fixtures.accessToken(org.slug(), vendor.email(), PASSWORD)).isNotBlank();
	}

	@Test
	void anOrganizationOrEmailNoAccountCanHaveIsRefusedLikeAnyWrongSignIn() {
		Api.Response reference = fixtures.password(org.slug(), vendor.email(), WRONG).expectProblem(401, "sign-in-failed");
		String[][] impossible = { { org.slug() + "\u0000", vendor.email() }, { "a\u0000b", vendor.email() },
				{ org.slug(), vendor.email() + "\u0000" }, { org.slug(), "x\u0000@example.com" },
				{ org.slug(), "\u202Eadmin@example.com" }, { org.slug().toUpperCase() + "\u0007", vendor.email() } };
		for (String[] wrong : impossible) {
			assertThat(fixtures.password(wrong[0], wrong[1], PASSWORD).expectProblem(401, "sign-in-failed").body())
				.as("%s / %s", wrong[0], wrong[1])
				.isEqualTo(reference.body());
		}
	}

	@Test
	void everyWrongSignInTakesAboutAsLongBecauseEachRunsOneArgon2Hash() {
		Map<String, String[]> cases = wrongSignIns();
		Map<String, List<Long>> nanos = new LinkedHashMap<>();
		cases.keySet().forEach(name -> nanos.put(name, new ArrayList<>()));
		int rounds = 9;
		for (int round = 0; round < rounds; round++) {
			for (Map.Entry<String, String[]> wrong : cases.entrySet()) {
				clock.advance(Duration.ofSeconds(61)); // past any throttling wait: every attempt is evaluated
				String[] in = wrong.getValue();
				Api.Response answer = fixtures.password(in[0], in[1], in[2]).expectProblem(401, "sign-in-failed");
				if (round >= 2) { // the first rounds warm up the JIT and the connection pool
					nanos.get(wrong.getKey()).add(answer.elapsed().toNanos());
				}
			}
		}
		Map<String, Long> medians = new LinkedHashMap<>();
		nanos.forEach((name, times) -> medians.put(name, times.stream().sorted().toList().get(times.size() / 2)));
		long fastest = medians.values().stream().min(Long::compare).orElseThrow();
		long slowest = medians.values().stream().max(Long::compare).orElseThrow();
		assertThat((double) slowest / fastest).as("median response times in ns: %s", medians).isLessThan(1.5);
		assertThat(Duration.ofNanos(fastest)).as("an Argon2 hash (19 MiB, t=2) is never this fast: %s", medians)
			.isGreaterThan(Duration.ofMillis(5));
	}

	@Test
	void repeatedFailuresAreThrottledForAnUnknownAccountExactlyLikeForARealOne() {
		String[] real = { org.slug(), vendor.email() };
		String[] unknown = { org.slug(), uniqueEmail("nobody") };
		for (int attempt = 1; attempt <= 5; attempt++) {
			fixtures.password(real[0], real[1], WRONG).expectProblem(401, "sign-in-failed");
			fixtures.password(unknown[0], unknown[1], WRONG).expectProblem(401, "sign-in-failed");
		}

		Api.Response realThrottled = fixtures.password(real[0], real[1], WRONG).expectProblem(429, "throttled");
		Api.Response unknownThrottled = fixtures.password(unknown[0], unknown[1], WRONG).expectProblem(429, "throttled");
		assertThat(unknownThrottled.body()).isEqualTo(realThrottled.body());
		assertThat(realThrottled.header("Retry-After")).isPresent();
		assertThat(unknownThrottled.header("Retry-After")).isEqualTo(realThrottled.header("Retry-After"));
		// while the wait lasts, even the right password is not evaluated
		assertThat(fixtures.password(real[0], real[1], PASSWORD).expectProblem(429, "throttled").body())
			.isEqualTo(realThrottled.body());

		clock.advance(Duration.ofSeconds(Long.parseLong(realThrottled.header("Retry-After").orElseThrow()) + 1));

		assertThat(fixtures.password(real[0], real[1], PASSWORD).expect(200).text("next")).isEqualTo("DONE");
		fixtures.password(unknown[0], unknown[1], PASSWORD).expectProblem(401, "sign-in-failed");
	}

	@Test
	void throttlingOnlySlowsDownAndNeverLocksAnAccountForGood() {
		for (int failure = 1; failure <= 30; failure++) {
			clock.advance(Duration.ofSeconds(61));
			fixtures.password(org.slug(), vendor.email(), WRONG).expectProblem(401, "sign-in-failed");
		}
		Api.Response throttled = fixtures.password(org.slug(), vendor.email(), PASSWORD).expectProblem(429, "throttled");
		long retryAfter = Long.parseLong(throttled.header("Retry-After").orElseThrow());
		assertThat(retryAfter).isBetween(1L, 60L);

		clock.advance(Duration.ofSeconds(retryAfter + 1));

		String token = fixtures.accessToken(org.slug(), vendor.email(), PASSWORD);
		assertThat(api.get("/me", token).expect(200).text("email")).isEqualTo(vendor.email());
		// a success starts the count afresh
		fixtures.password(org.slug(), vendor.email(), WRONG).expectProblem(401, "sign-in-failed");
		assertThat(fixtures.accessToken(org.slug(), vendor.email(), PASSWORD)).isNotBlank();
	}

}
