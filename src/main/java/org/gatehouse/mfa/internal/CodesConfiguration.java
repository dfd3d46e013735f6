package org.gatehouse.mfa.internal;

import org.gatehouse.hashing.Argon2Slots;
import org.gatehouse.hashing.PasswordHashing;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The codes a person types: TOTP codes and recovery codes. Neither needs the encryption key. */
@Configuration(proxyBeanMethods = false)
class CodesConfiguration {

	@Bean
	TotpCodes totpCodes() {
		return new TotpCodes();
	}

	/** Hashed in the same slots as passwords: one Argon2 computation per processor at a time. */
	@Bean
	RecoveryCodes recoveryCodes(@Value(PasswordHashing.NATIVE_ALLOWED) boolean nativeArgon2, Argon2Slots slots) {
		return new RecoveryCodes(slots, RecoveryCodes.argon2id(nativeArgon2));
	}

}
