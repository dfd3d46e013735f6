package org.gatehouse.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class MutableClockTests {

	static final Instant START = Instant.parse("2026-01-01T10:00:07Z");

	@Test
	void movesForwardByTheGivenAmountAndNeverBack() {
		MutableClock clock = new MutableClock(Clock.fixed(START, ZoneOffset.UTC));
		clock.advance(Duration.ofSeconds(61));
		assertThat(clock.instant()).isEqualTo(START.plusSeconds(61));
		assertThat(clock.millis()).isEqualTo(START.plusSeconds(61).toEpochMilli());
		assertThatIllegalArgumentException().isThrownBy(() -> clock.advance(Duration.ofSeconds(-1)));
	}

	@Test
	void advancesToJustAfterTheStartOfTheNextTotpStep() {
		MutableClock clock = new MutableClock(Clock.fixed(START, ZoneOffset.UTC));
		clock.advanceToNextTotpStep();
		assertThat(clock.instant()).isEqualTo(Instant.parse("2026-01-01T10:00:30.001Z"));
		clock.advanceToNextTotpStep();
		assertThat(clock.instant()).isEqualTo(Instant.parse("2026-01-01T10:01:00.001Z"));
	}

	@Test
	void aZonedViewSharesTheSameTime() {
		MutableClock clock = new MutableClock(Clock.fixed(START, ZoneOffset.UTC));
		Clock zoned = clock.withZone(ZoneOffset.ofHours(2));
		clock.advance(Duration.ofMinutes(5));
		assertThat(zoned.instant()).isEqualTo(START.plusSeconds(300));
		assertThat(zoned.getZone()).isEqualTo(ZoneOffset.ofHours(2));
	}

}
