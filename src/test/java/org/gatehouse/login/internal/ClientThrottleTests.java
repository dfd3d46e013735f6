package org.gatehouse.login.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.gatehouse.shared.ProblemException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClientThrottleTests {

	Instant now = Instant.parse("2026-11-28T10:00:00Z");

	Clock clock = new Clock() {

		@Override
		public Instant instant() {
			return now;
		}

		@Override
		public java.time.ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

	};

	@Test
	void refusesAClientAfterTwentyFailuresInAMinuteAndNoOtherClient() {
		ClientThrottle throttle = new ClientThrottle(20, clock);
		for (int i = 0; i < 20; i++) {
			throttle.check("10.0.0.1");
			throttle.failed("10.0.0.1");
		}
		assertThatThrownBy(() -> throttle.check("10.0.0.1")).isInstanceOf(ProblemException.class)
			.satisfies(ex -> assertThat(((ProblemException) ex).retryAfter()).isPositive());
		throttle.check("10.0.0.2");
	}

	@Test
	void letsTheClientInAgainWhenTheMinuteIsOver() {
		ClientThrottle throttle = new ClientThrottle(3, clock);
		for (int i = 0; i < 3; i++) {
			throttle.failed("10.0.0.1");
		}
		assertThatThrownBy(() -> throttle.check("10.0.0.1")).isInstanceOf(ProblemException.class);
		now = now.plus(Duration.ofSeconds(61));
		throttle.check("10.0.0.1");
	}

	@Test
	void refusesImpossibleSettingsAtStartUp() {
		assertThatThrownBy(() -> new ClientThrottle(0, clock)).isInstanceOf(IllegalArgumentException.class);
	}

}
