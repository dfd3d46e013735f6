package org.gatehouse.links;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import org.gatehouse.support.Api;
import org.gatehouse.support.Fixtures;
import org.gatehouse.support.Fixtures.Org;
import org.gatehouse.support.IntegrationTest;
import org.gatehouse.support.IntegrationTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** Expired tokens leave the database; the ones still alive keep working. */
@IntegrationTest
class ExpiredRowSweepIntegrationTests extends IntegrationTestBase {

	@Autowired
	ExpiredRowSweep sweep;

	@Test
	void tokensPastTheirExpiryAreDeletedAndLiveOnesStillSignIn() {
		Org org = fixtures.organization(); // its sign-up link and the access token its enrollment's login token became
		String halfFinished = fixtures.password(org.slug(), org.chiefEmail(), org.password()).expect(200)
			.text("loginToken");
		clock.advance(Duration.ofHours(13)); // past every lifetime so far: 12 hours for access, 10 minutes for login
		String live = fixtures.signInAgain(org);
		long before = apiTokens(org);

		sweep.sweep();

		assertThat(before).isEqualTo(3);
		assertThat(apiTokens(org)).as("the live sign-in's access token, which was its login token").isEqualTo(1);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM api_token WHERE expires_at <= ?").param(now()).query(Long.class)
			.single()).isZero();
		assertThat(jdbc.sql("SELECT COUNT(*) FROM one_time_token WHERE expires_at <= ?").param(now())
			.query(Long.class).single()).isZero();
		assertThat(api.get("/me", live).expect(200).text("email")).isEqualTo(org.chiefEmail());
		api.get("/me", org.token()).expectProblem(401, "unauthenticated");
		api.post("/login/enrollment", Api.json("loginToken", halfFinished)).expectProblem(401, "sign-in-failed");
	}

	@Test
	void aBacklogLargerThanOneBatchIsDeletedInOneSweep() {
		Org org = fixtures.organization();
		OffsetDateTime long_ago = now().minusDays(30);
		for (int i = 0; i < 2_500; i++) { // the test configuration's batch is the default, 1,000
			jdbc.sql("""
					INSERT INTO api_token (organization_id, token_hash, user_id, stage, security_epoch, created_at,
					expires_at) VALUES (?, ?, ?, 'ACCESS', 0, ?, ?)""")
				.params(org.id(), UUID.randomUUID().toString().replace("-", "") + "00000000000000000000000000000000",
						org.chiefId(), long_ago, long_ago.plusHours(12))
				.update();
		}

		sweep.sweep();

		assertThat(jdbc.sql("SELECT COUNT(*) FROM api_token WHERE expires_at <= ?").param(now()).query(Long.class)
			.single()).isZero();
		assertThat(api.get("/me", org.token()).expect(200).text("email")).isEqualTo(org.chiefEmail());
	}

	@Test
	void passwordFailureCountersAreDeletedOnceTheyNoLongerSlowAnyoneDown() {
		Org org = fixtures.organization();
		api.withHeader("X-Forwarded-For", "198.51.100.61")
			.post("/login", Api.json("organization", org.slug(), "email", org.chiefEmail(), "password", "wrong"))
			.expectProblem(401, "sign-in-failed");
		clock.advance(Duration.ofDays(1).plusMinutes(1)); // a client's failures are remembered a day, an account's hour
		api.withHeader("X-Forwarded-For", "198.51.100.62")
			.post("/login", Api.json("organization", org.slug(), "email", Fixtures.uniqueEmail("nobody"), "password", "wrong"))
			.expectProblem(401, "sign-in-failed");
		long liveClients = counters("password_throttle", "expires_at > ?");
		long liveAccounts = counters("password_account_throttle", "expires_at > ?");
		assertThat(counters("password_throttle", "expires_at <= ?")).isPositive();
		assertThat(counters("password_account_throttle", "expires_at <= ?")).isPositive();

		sweep.sweep();

		assertThat(counters("password_throttle", "expires_at <= ?")).isZero();
		assertThat(counters("password_account_throttle", "expires_at <= ?")).isZero();
		assertThat(counters("password_throttle", "expires_at > ?")).as("the fresh failure's").isEqualTo(liveClients)
			.isPositive();
		assertThat(counters("password_account_throttle", "expires_at > ?")).isEqualTo(liveAccounts).isPositive();
	}

	private long counters(String table, String condition) {
		return jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE " + condition).param(now()).query(Long.class).single();
	}

	private long apiTokens(Org org) {
		return jdbc.sql("SELECT COUNT(*) FROM api_token WHERE organization_id = ?").param(org.id()).query(Long.class)
			.single();
	}

	private OffsetDateTime now() {
		return clock.instant().atOffset(ZoneOffset.UTC);
	}

}
