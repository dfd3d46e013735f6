package org.gatehouse.system;

import java.time.Clock;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.password.PasswordEncoder;

@Configuration(proxyBeanMethods = false)
class SystemConfiguration {

	@Bean
	@ConditionalOnMissingBean
	Clock clock() {
		return Clock.systemUTC();
	}

	/**
	 * Argon2id at m = 19 MiB, t = 2, p = 1 (OWASP's first recommended setting), at most one
	 * computation per processor at a time: the reference C implementation where its native
	 * library loads, Bouncy Castle otherwise (or with {@code gatehouse.argon2.native=false}).
	 */
	@Bean
	PasswordEncoder passwordEncoder(@Value("${gatehouse.argon2.native:true}") boolean nativeArgon2) {
		return new BoundedPasswordEncoder(NativeArgon2PasswordEncoder.preferred(nativeArgon2, 16, 32, 1, 19 * 1024, 2),
				Runtime.getRuntime().availableProcessors());
	}

}
