package org.gatehouse.mfa.internal;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.gatehouse.hashing.Argon2Memory;
import org.gatehouse.hashing.Argon2Slots;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The recovery codes follow {@code gatehouse.argon2.native} as passwords do: the reference C
 * implementation (computing in {@link Argon2Memory}'s pooled blocks) unless it is turned off, then
 * Bouncy Castle's.
 */
class RecoveryCodeImplementationTests {

	private final ApplicationContextRunner context = new ApplicationContextRunner()
		.withUserConfiguration(CodesConfiguration.class)
		.withBean(Argon2Slots.class, () -> new Argon2Slots(1, new SimpleMeterRegistry()));

	@Test
	void areHashedByTheNativeArgon2ByDefault() {
		context.run(app -> {
			Argon2Memory.release();
			RecoveryCodes codes = app.getBean(RecoveryCodes.class);
			String code = codes.generate().get(0);

			assertThat(codes.matches(code, codes.hash(code))).isTrue();
			assertThat(Argon2Memory.pooledBytes()).as("a block of the native Argon2").isPositive();
		});
	}

	@Test
	void areHashedByBouncyCastleWhenTheNativeArgon2IsTurnedOff() {
		context.withPropertyValues("gatehouse.argon2.native=false").run(app -> {
			Argon2Memory.release();
			RecoveryCodes codes = app.getBean(RecoveryCodes.class);
			String code = codes.generate().get(0);

			assertThat(codes.matches(code, codes.hash(code))).isTrue();
			assertThat(Argon2Memory.pooledBytes()).as("no block of the native Argon2").isZero();
		});
	}

}
