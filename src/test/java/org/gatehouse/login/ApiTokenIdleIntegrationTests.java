package org.gatehouse.login;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;

import org.gatehouse.shared.Tokens;
import org.gatehouse.support.Fixtures.Member;
import org.gatehouse.support.Fixtures.Org;
import org.gatehouse.support.IntegrationTest;
import org.gatehouse.support.IntegrationTestBase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * API bearer tokens end like console sessions (docs/security.md, sessions and tokens): after 30 minutes
 * unused, and 12 hours after the sign-in however busy. The last use is kept in the database, so
 * every node sees it.
 */
@IntegrationTest
class ApiTokenIdleIntegrationTests extends IntegrationTestBase {

	@Test
	void anAccessTokenUnusedForThirtyOneMinutesIsRefused() {
		Org org = fixtures.organization();
		Member member = fixtures.signedInMember(org, "Vendor", "VENDOR");
		api.get("/me", member.token()).expect(200);

		clock.advance(Duration.ofMinutes(31));

		api.get("/me", member.token()).expectProblem(401, "unauthenticated");
		// and it stays refused: the refused request did not count as a use
		api.get("/me", member.token()).expectProblem(401, "unauthenticated");
		assertThat(api.get("/me", org.token()).status()).as("another sign-in's token, unused as long, is refused too")
			.isEqualTo(401);
	}

	@Test
	void anAccessTokenUsedEveryTwentyMinutesKeepsWorkingUntilTwelveHoursAndIsRefusedAfter() {
		Org org = fixtures.organization();
		Member member = fixtures.signedInMember(org, "Vendor", "VENDOR");
		for (int use = 1; use <= 35; use++) { // 11 h 40 min
			clock.advance(Duration.ofMinutes(20));
			api.get("/me", member.token()).expect(200);
		}

		clock.advance(Duration.ofMinutes(20)); // 12 h

		api.get("/me", member.token()).expectProblem(401, "unauthenticated");
	}

	@Test
	void theLastUseIsWrittenAtMostOnceAMinute() {
		Org org = fixtures.organization();
		Member member = fixtures.signedInMember(org, "Vendor", "VENDOR");
		clock.advance(Duration.ofMinutes(2));
		api.get("/me", member.token()).expect(200);
		OffsetDateTime first = lastUsed(member.token());
		assertThat(first.toInstant()).isCloseTo(clock.instant(), within(5, ChronoUnit.SECONDS));

		clock.advance(Duration.ofSeconds(30));
		api.get("/me", member.token()).expect(200);
		assertThat(lastUsed(member.token()).toInstant()).as("not written again within the minute").isEqualTo(first.toInstant());

		clock.advance(Duration.ofSeconds(40));
		api.get("/me", member.token()).expect(200);
		assertThat(lastUsed(member.token()).toInstant()).isAfter(first.toInstant().plusSeconds(60));
	}

	OffsetDateTime lastUsed(String token) {
		return jdbc.sql("SELECT last_used_at FROM api_token WHERE token_hash = ?").param(Tokens.sha256(token))
			.query(OffsetDateTime.class).single();
	}

}
