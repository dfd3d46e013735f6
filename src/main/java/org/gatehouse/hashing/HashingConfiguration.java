package org.gatehouse.hashing;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.password.PasswordEncoder;

@Configuration(proxyBeanMethods = false)
class HashingConfiguration {

	/** One Argon2 computation per processor at a time, for passwords and recovery codes alike. */
	@Bean
	Argon2Slots argon2Slots(MeterRegistry meters) {
		return new Argon2Slots(Runtime.getRuntime().availableProcessors(), meters);
	}

	/**
	 * The service's {@link PasswordHashing Argon2id}, in the {@link Argon2Slots}; Bouncy Castle's with
	 * {@code gatehouse.argon2.native=false}.
	 */
	@Bean
	PasswordEncoder passwordEncoder(@Value(PasswordHashing.NATIVE_ALLOWED) boolean nativeArgon2, Argon2Slots slots) {
		return slots.bound(PasswordHashing.argon2id(nativeArgon2));
	}

}
