package org.gatehouse.system;

import java.time.Clock;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;
import org.springframework.security.crypto.password.PasswordEncoder;

@Configuration(proxyBeanMethods = false)
class SystemConfiguration {

	@Bean
	@ConditionalOnMissingBean
	Clock clock() {
		return Clock.systemUTC();
	}

	/**
	 * The service's {@link PasswordHashing Argon2id}, at most one computation per processor at a
	 * time; Bouncy Castle's with {@code gatehouse.argon2.native=false}.
	 */
	@Bean
	PasswordEncoder passwordEncoder(@Value("${gatehouse.argon2.native:true}") boolean nativeArgon2,
			MeterRegistry meters) {
		return new BoundedPasswordEncoder(PasswordHashing.argon2id(nativeArgon2),
				Runtime.getRuntime().availableProcessors(), meters);
	}

	/** The schema brought to this build's migrations before anything uses the database. */
	@Bean
	SchemaMigrations schemaMigrations(DataSource dataSource, ResourceLoader resourceLoader) {
		return new SchemaMigrations(dataSource, resourceLoader.getClassLoader());
	}

}
